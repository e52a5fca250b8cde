using System.Globalization;
using System.Text.Json;
using AttackTracker.Domain;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Web;

/// <summary>
/// The value of one fact at the desk, as the form's fields: text, so that what was typed is shown
/// again when it is wrong. Which fields a kind has: <see cref="For"/>. A suggestion fills them
/// (<see cref="Of"/>); the analyst may change them; <see cref="ToFact"/> makes the record's fact.
/// </summary>
public sealed class DeskFields
{
    public string? Qualifier { get; set; }

    public string? Number { get; set; }

    public string? Max { get; set; }

    public string? Scope { get; set; }

    public string? Claimant { get; set; }

    public string? Channel { get; set; }

    public string? Name { get; set; }

    public string? Age { get; set; }

    public string? Nationality { get; set; }

    public string? Status { get; set; }

    public string? Role { get; set; }

    public string? Date { get; set; }

    public string? Level { get; set; }

    public string? Country { get; set; }

    public string? Type { get; set; }

    public string? Detail { get; set; }

    /// <summary>The fields a kind of fact shows, in order.</summary>
    public static IReadOnlyList<string> For(SuggestionKind kind) => kind switch
    {
        SuggestionKind.Killed or SuggestionKind.Wounded => ["Qualifier", "Number", "Max", "Scope"],
        SuggestionKind.Claim => ["Claimant", "Channel"],
        SuggestionKind.PerpetratorName => ["Name"],
        SuggestionKind.PerpetratorAge => ["Age", "Name"],
        SuggestionKind.PerpetratorNationality => ["Nationality", "Name"],
        SuggestionKind.Person => ["Name", "Status", "Role"],
        SuggestionKind.Date => ["Date"],
        SuggestionKind.Place => ["Name", "Level", "Country"],
        SuggestionKind.AttackType => ["Type"],
        _ => ["Type", "Detail"],
    };

    public static DeskFields Of(Suggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return suggestion.Value switch
        {
            SuggestedFigure f => new DeskFields
            {
                Qualifier = f.Count.Kind switch { CountKind.AtLeast => "at-least", CountKind.AtMost => "at-most", CountKind.Range => "range", _ => "exact" },
                Number = Text(f.Count.Value),
                Max = f.Count.Max is { } max ? Text(max) : null,
                Scope = DeskText.Name(f.Scope),
            },
            SuggestedClaim c => new DeskFields { Claimant = c.Claimant, Channel = c.ChannelAsWritten },
            SuggestedPerpetrator p => new DeskFields
            {
                Name = p.Name,
                Age = suggestion.Kind == SuggestionKind.PerpetratorAge && p.Age is { } age ? Text(age) : null,
                Nationality = suggestion.Kind == SuggestionKind.PerpetratorNationality ? p.Nationality : null,
            },
            SuggestedPerson p => new DeskFields { Name = p.Name, Status = DeskText.Name(p.Status), Role = p.Role },
            SuggestedDate d => new DeskFields { Date = d.At.ToString() },
            SuggestedPlace p => new DeskFields { Name = p.Name, Level = LevelOf(p.Level), Country = p.CountryCode },
            SuggestedAttackType t => new DeskFields { Type = DeskText.Name(t.Type) },
            SuggestedWeapon w => new DeskFields { Type = DeskText.Name(w.Type), Detail = w.Detail },
            _ => new DeskFields(),
        };
    }

    /// <summary>Whether the analyst left every field of the kind as the suggestion filled it.</summary>
    public bool SameAs(DeskFields other, SuggestionKind kind)
    {
        ArgumentNullException.ThrowIfNull(other);
        return For(kind).All(field => Clean(Get(field)) == Clean(other.Get(field)));
    }

    public string? Get(string field) => field switch
    {
        "Qualifier" => Qualifier,
        "Number" => Number,
        "Max" => Max,
        "Scope" => Scope,
        "Claimant" => Claimant,
        "Channel" => Channel,
        "Name" => Name,
        "Age" => Age,
        "Nationality" => Nationality,
        "Status" => Status,
        "Role" => Role,
        "Date" => Date,
        "Level" => Level,
        "Country" => Country,
        "Type" => Type,
        _ => Detail,
    };

    /// <summary>The record's fact for these fields, or null with what is wrong (named by field) in <paramref name="problems"/>.</summary>
    public Fact? ToFact(SuggestionKind kind, IDictionary<string, string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string? Need(string field, string? value, string what)
        {
            if (Clean(value) is { } text)
            {
                return text;
            }

            problems[field] = $"is required: {what}.";
            return null;
        }

        switch (kind)
        {
            case SuggestionKind.Killed or SuggestionKind.Wounded:
                return Figure(kind == SuggestionKind.Killed, problems);
            case SuggestionKind.Claim:
                return Need("Claimant", Claimant, "who claims the attack") is { } claimant ? new ClaimFact { Claimant = claimant, Channel = Clean(Channel) } : null;
            case SuggestionKind.PerpetratorName:
                return Need("Name", Name, "the perpetrator's name as written") is { } name ? new PerpetratorFact { Key = Key(name), Name = name } : null;
            case SuggestionKind.PerpetratorAge:
                return Whole("Age", Age, problems, required: true) is { } age ? new PerpetratorFact { Key = Key(Clean(Name)), Age = age } : null;
            case SuggestionKind.PerpetratorNationality:
                return Need("Nationality", Nationality, "the nationality as written") is { } nationality ? new PerpetratorFact { Key = Key(Clean(Name)), Nationality = nationality } : null;
            case SuggestionKind.Person:
                var person = Need("Name", Name, "the person's name");
                var status = Choice<PersonStatus>("Status", Status, problems);
                return person is null || status is null ? null : new PersonFact { Key = Key(person), Name = person, Role = Clean(Role) ?? "victim", Status = status.Value };
            case SuggestionKind.Date:
                if (Need("Date", Date, "the day (YYYY-MM-DD) or month (YYYY-MM) of the attack") is not { } date)
                {
                    return null;
                }

                if (!ReportedTime.TryParse(date, out var at))
                {
                    problems["Date"] = "must be a day (YYYY-MM-DD) or a month (YYYY-MM).";
                    return null;
                }

                return new TimelineFact { At = at, Description = "The attack, as the report dates it." };
            case SuggestionKind.Place:
                return Place(problems);
            case SuggestionKind.AttackType:
                return Choice<AttackType>("Type", Type, problems) is { } attackType ? new AttackTypeFact { AttackTypes = [attackType] } : null;
            default:
                return Choice<WeaponType>("Type", Type, problems) is { } weaponType ? new WeaponFact { WeaponType = weaponType, Detail = Clean(Detail) } : null;
        }
    }

    private Fact? Figure(bool killed, IDictionary<string, string> problems)
    {
        var number = Whole("Number", Number, problems, required: true);
        var qualifier = Clean(Qualifier) ?? "exact";
        var max = qualifier == "range" ? Whole("Max", Max, problems, required: true) : null;
        if (number is not { } n || (qualifier == "range" && max is null))
        {
            return null;
        }

        ReportedCount? count = qualifier switch
        {
            "exact" => ReportedCount.Exact(n),
            "at-least" => ReportedCount.AtLeast(n),
            "at-most" => ReportedCount.AtMost(n),
            "range" => ReportedCount.Between(n, max!.Value),
            _ => null,
        };
        if (count is null)
        {
            problems["Qualifier"] = "must be exact, at least, at most or a range.";
            return null;
        }

        return Clean(Scope) switch
        {
            "perpetrators" => killed ? new CasualtiesFact { PerpetratorsKilled = count } : new CasualtiesFact { PerpetratorsWounded = count },
            "part" => new NoteFact { Text = $"Part of the toll: {count} {(killed ? "killed" : "wounded")}." },
            _ => killed ? new CasualtiesFact { Killed = count } : new CasualtiesFact { Wounded = count },
        };
    }

    private LocationFact? Place(IDictionary<string, string> problems)
    {
        var name = Clean(Name);
        var country = Clean(Country)?.ToUpperInvariant();
        if (name is null && country is null)
        {
            problems["Name"] = "is required: the place as written, or its country's code.";
            return null;
        }

        return Clean(Level) switch
        {
            "country" => new LocationFact { Country = country },
            "region" => new LocationFact { Region = name, Country = country },
            "place" => new LocationFact { Place = name, Country = country },
            _ => new LocationFact { City = name, Country = country },
        };
    }

    private static string LevelOf(string? level) => level switch
    {
        "country" => "country",
        "street" => "place",
        "province" or "region" or "department" or "state" or "county" or "district" => "region",
        _ => "city",
    };

    private static int? Whole(string field, string? value, IDictionary<string, string> problems, bool required)
    {
        if (Clean(value) is not { } text)
        {
            if (required)
            {
                problems[field] = "is required: a whole number.";
            }

            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems[field] = "must be a whole number, such as 4.";
        return null;
    }

    private static T? Choice<T>(string field, string? value, IDictionary<string, string> problems)
        where T : struct, Enum
    {
        if (DeskText.Parse<T>(Clean(value)) is { } parsed)
        {
            return parsed;
        }

        problems[field] = "must be one of the choices offered.";
        return null;
    }

    private static string? Key(string? name) => name is null ? null : GroupNames.Slug(name);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The names the record's JSON gives enum values ("perpetrator-name", "armed-assault"), and their words on the page.</summary>
public static class DeskText
{
    public static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, IncidentJson.Options).Trim('"');

    public static T? Parse<T>(string? name)
        where T : struct, Enum => Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Name(v!.Value) == name);

    /// <summary>"perpetrator-name" as "Perpetrator name".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum
    {
        var name = Name(value).Replace('-', ' ');
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
