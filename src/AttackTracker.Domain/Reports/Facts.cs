using System.Text.Json.Serialization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Documents;

namespace AttackTracker.Domain.Reports;

/// <summary>
/// One thing a report asserts. The closed set of fact types is both the request vocabulary
/// ("type" picks the kind) and the payload of the matching event.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(CasualtiesFact), "casualties")]
[JsonDerivedType(typeof(PerpetratorFact), "perpetrator")]
[JsonDerivedType(typeof(ClaimFact), "claim")]
[JsonDerivedType(typeof(AttackTypeFact), "attackType")]
[JsonDerivedType(typeof(WeaponFact), "weapon")]
[JsonDerivedType(typeof(TargetFact), "target")]
[JsonDerivedType(typeof(LocationFact), "location")]
[JsonDerivedType(typeof(TimelineFact), "timeline")]
[JsonDerivedType(typeof(PersonFact), "person")]
[JsonDerivedType(typeof(DemandFact), "demand")]
[JsonDerivedType(typeof(NoteFact), "note")]
public abstract record Fact
{
    /// <summary>The report's own words, verbatim.</summary>
    public string? Quote { get; init; }

    /// <summary>Where the words stand in a stored document (docs/desk.md); absent on facts that cite none, and on every fact written before passages.</summary>
    public CitedPassage? Passage { get; init; }
}

public sealed record CasualtiesFact : Fact
{
    public ReportedCount? Killed { get; init; }

    public ReportedCount? Wounded { get; init; }

    public ReportedCount? PerpetratorsKilled { get; init; }

    public ReportedCount? PerpetratorsWounded { get; init; }

    public ReportedCount? Hostages { get; init; }

    public ReportedCount? Count(CasualtyCategory category) => category switch
    {
        CasualtyCategory.Killed => Killed,
        CasualtyCategory.Wounded => Wounded,
        CasualtyCategory.PerpetratorsKilled => PerpetratorsKilled,
        CasualtyCategory.PerpetratorsWounded => PerpetratorsWounded,
        _ => Hostages,
    };
}

public sealed record PerpetratorFact : Fact
{
    /// <summary>Links facts about one person across reports when the name is missing or spelled otherwise.</summary>
    public string? Key { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string>? Aliases { get; init; }

    public int? Age { get; init; }

    public Sex? Sex { get; init; }

    public string? Nationality { get; init; }

    public string? Birthplace { get; init; }

    public string? Residence { get; init; }

    public string? Affiliation { get; init; }

    public bool? CriminalRecord { get; init; }

    public bool? KnownToAuthorities { get; init; }

    public PerpetratorStatus? Status { get; init; }
}

public sealed record ClaimFact : Fact
{
    public required string Claimant { get; init; }

    public string? Channel { get; init; }

    public ReportedTime? ClaimedAt { get; init; }

    public ClaimMode? Mode { get; init; }
}

public sealed record AttackTypeFact : Fact
{
    public required IReadOnlyList<AttackType> AttackTypes { get; init; }
}

public sealed record WeaponFact : Fact
{
    public required WeaponType WeaponType { get; init; }

    public string? Detail { get; init; }
}

public sealed record TargetFact : Fact
{
    public required TargetType TargetType { get; init; }

    public string? Detail { get; init; }
}

public sealed record LocationFact : Fact
{
    public string? Role { get; init; }

    public string? Place { get; init; }

    public string? City { get; init; }

    public string? Region { get; init; }

    public string? Country { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }

    /// <summary>How closely <see cref="Lat"/> and <see cref="Lon"/> place the event, when the source says.</summary>
    public LocationPrecision? Precision { get; init; }
}

public sealed record TimelineFact : Fact
{
    public required ReportedTime At { get; init; }

    public bool? Approximate { get; init; }

    public required string Description { get; init; }

    public string? Place { get; init; }
}

public sealed record PersonFact : Fact
{
    /// <summary>Links facts about one person across reports when the name is missing or spelled otherwise.</summary>
    public string? Key { get; init; }

    public string? Name { get; init; }

    public required string Role { get; init; }

    public required PersonStatus Status { get; init; }

    public string? Description { get; init; }
}

public sealed record DemandFact : Fact
{
    public required string Text { get; init; }
}

public sealed record NoteFact : Fact
{
    public required string Text { get; init; }
}
