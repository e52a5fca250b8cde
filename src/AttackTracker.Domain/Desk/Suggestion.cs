using System.Text.Json.Serialization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Desk;

public enum SuggestionKind
{
    Killed,
    Wounded,
    Claim,
    PerpetratorName,
    PerpetratorAge,
    PerpetratorNationality,
    Person,
    Date,
    Place,
    AttackType,
    Weapon,
}

/// <summary>Whether a suggestion is about the attack the article reports, or another attack it mentions in passing.</summary>
public enum AttackReference
{
    This,
    Other,
}

/// <summary>A count's qualifier as the text words it: "at least 3", "more than 40", "about 30", "up to 50", "fewer than 10", "15 to 16".</summary>
public enum FigureQualifier
{
    Exact,
    AtLeast,
    MoreThan,
    About,
    UpTo,
    FewerThan,
    Range,
}

/// <summary>Whom a figure counts: the victims, the perpetrators, or a part of the victims ("two of them in the supermarket").</summary>
public enum FigureScope
{
    Victims,
    Perpetrators,
    Part,
}

public enum ClaimChannel
{
    NewsAgency,
    Statement,
    Video,
    SocialMedia,
    Other,
}

/// <summary>The exact stretch of the text a suggestion comes from: <c>Text == text[Start..End]</c>.</summary>
public sealed record Passage(int Start, int End, string Text)
{
    public static Passage Of(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Passage(start, end, text[start..end]);
    }

    public bool Overlaps(Passage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }
}

/// <summary>One fact the engine read in an article, with the passage it comes from and how sure it is (0 to 1).</summary>
public sealed record Suggestion(SuggestionKind Kind, SuggestedValue Value, Passage Passage, double Confidence, AttackReference Attack);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SuggestedFigure), "figure")]
[JsonDerivedType(typeof(SuggestedClaim), "claim")]
[JsonDerivedType(typeof(SuggestedPerpetrator), "perpetrator")]
[JsonDerivedType(typeof(SuggestedPerson), "person")]
[JsonDerivedType(typeof(SuggestedDate), "date")]
[JsonDerivedType(typeof(SuggestedPlace), "place")]
[JsonDerivedType(typeof(SuggestedAttackType), "attackType")]
[JsonDerivedType(typeof(SuggestedWeapon), "weapon")]
public abstract record SuggestedValue;

/// <summary>A killed or wounded figure: the number as written (the low end of a range), its qualifier, and whom it counts.</summary>
public sealed record SuggestedFigure(int Number, int? Max, FigureQualifier Qualifier, FigureScope Scope) : SuggestedValue
{
    /// <summary>
    /// The figure as the record counts it. "More than n" is at least n+1 and "fewer than n" at most n-1;
    /// "about n" has no counterpart in <see cref="ReportedCount"/> and becomes n (the quote keeps the word).
    /// </summary>
    public ReportedCount Count => Qualifier switch
    {
        FigureQualifier.AtLeast => ReportedCount.AtLeast(Number),
        FigureQualifier.MoreThan => ReportedCount.AtLeast(Number + 1),
        FigureQualifier.UpTo => ReportedCount.AtMost(Number),
        FigureQualifier.FewerThan => ReportedCount.AtMost(Math.Max(0, Number - 1)),
        FigureQualifier.Range => ReportedCount.Between(Number, Max ?? Number),
        _ => ReportedCount.Exact(Number),
    };
}

/// <summary>A claim of responsibility: the claimant's canonical name (or the name as written when the alias table does not know it) and the channel.</summary>
public sealed record SuggestedClaim(string Claimant, string ClaimantAsWritten, ClaimChannel? Channel, string? ChannelAsWritten) : SuggestedValue;

/// <summary>One detail of a perpetrator; <see cref="Name"/> links the details of one person when the text names them.</summary>
public sealed record SuggestedPerpetrator(string? Name, int? Age, string? Nationality) : SuggestedValue;

public sealed record SuggestedPerson(string Name, PersonStatus Status, string? Role) : SuggestedValue;

public sealed record SuggestedDate(ReportedTime At) : SuggestedValue;

/// <summary>A place as written; <see cref="CountryCode"/> when it is a country, <see cref="Level"/> as the words say ("city", "province", "street").</summary>
public sealed record SuggestedPlace(string Name, string? CountryCode, string? Level) : SuggestedValue;

/// <remarks>Written as "attackType": "type" is the value's kind.</remarks>
public sealed record SuggestedAttackType([property: JsonPropertyName("attackType")] AttackType Type) : SuggestedValue;

/// <summary>A weapon type and the word that names it ("pistol", "lorry").</summary>
/// <remarks>Written as "weaponType": "type" is the value's kind.</remarks>
public sealed record SuggestedWeapon([property: JsonPropertyName("weaponType")] WeaponType Type, string Detail) : SuggestedValue;
