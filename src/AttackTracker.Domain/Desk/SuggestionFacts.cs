using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Desk;

/// <summary>A suggestion the mapping did not turn into a fact of this report, and why.</summary>
public sealed record SkippedSuggestion(Suggestion Suggestion, string Reason);

/// <summary>The facts of the accepted suggestions, in their order, and the suggestions that are not this report's facts.</summary>
public sealed record SuggestedFacts(IReadOnlyList<Fact> Facts, IReadOnlyList<SkippedSuggestion> Skipped);

/// <summary>
/// Turns accepted suggestions into the record's facts (<see cref="Fact"/>), one fact per suggestion,
/// each quoting its passage verbatim. A figure of another attack is not this report's fact: it is
/// handed back, for the analyst to report on that attack's incident.
/// </summary>
public static class SuggestionFacts
{
    public static SuggestedFacts ToFacts(IEnumerable<Suggestion> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var facts = new List<Fact>();
        var skipped = new List<SkippedSuggestion>();
        foreach (var suggestion in accepted)
        {
            if (suggestion.Attack == AttackReference.Other)
            {
                skipped.Add(new SkippedSuggestion(suggestion, "It is about another attack the article mentions; report it on that attack's incident."));
                continue;
            }

            if (ToFact(suggestion) is { } fact)
            {
                facts.Add(fact with { Quote = suggestion.Passage.Text });
            }
            else
            {
                skipped.Add(new SkippedSuggestion(suggestion, "Its value does not match its kind."));
            }
        }

        return new SuggestedFacts(facts, skipped);
    }

    /// <summary>The body of POST /api/incidents/{id}/reports for the accepted suggestions of one article.</summary>
    public static ReportRequest ToReport(SourceRequest source, string title, string? url, string publishedAt, int? credibility, IEnumerable<Suggestion> accepted) =>
        new(source, title, url, publishedAt, credibility, [.. ToFacts(accepted).Facts]);

    private static Fact? ToFact(Suggestion suggestion) => (suggestion.Kind, suggestion.Value) switch
    {
        (SuggestionKind.Killed or SuggestionKind.Wounded, SuggestedFigure figure) => Figure(suggestion.Kind, figure),
        (SuggestionKind.Claim, SuggestedClaim claim) => new ClaimFact
        {
            Claimant = claim.Claimant,
            Channel = claim.ChannelAsWritten,
            Mode = claim.Channel switch
            {
                ClaimChannel.Video => ClaimMode.Video,
                ClaimChannel.SocialMedia => ClaimMode.WebsiteOrSocialMedia,
                _ => null,
            },
        },
        (SuggestionKind.PerpetratorName, SuggestedPerpetrator { Name: { } name }) => new PerpetratorFact { Key = Key(name), Name = name },
        (SuggestionKind.PerpetratorAge, SuggestedPerpetrator { Age: { } age } p) => new PerpetratorFact { Key = Key(p.Name), Age = age },
        (SuggestionKind.PerpetratorNationality, SuggestedPerpetrator { Nationality: { } nationality } p) => new PerpetratorFact { Key = Key(p.Name), Nationality = nationality },
        (SuggestionKind.Person, SuggestedPerson person) => new PersonFact
        {
            Key = Key(person.Name),
            Name = person.Name,
            Role = person.Role ?? (person.Status == PersonStatus.Hostage ? "hostage" : "victim"),
            Status = person.Status,
        },
        (SuggestionKind.Date, SuggestedDate date) => new TimelineFact { At = date.At, Description = "The attack, as the report dates it." },
        (SuggestionKind.Place, SuggestedPlace place) => Location(place),
        (SuggestionKind.AttackType, SuggestedAttackType type) => new AttackTypeFact { AttackTypes = [type.Type] },
        (SuggestionKind.Weapon, SuggestedWeapon weapon) => new WeaponFact { WeaponType = weapon.Type, Detail = weapon.Detail },
        _ => null,
    };

    /// <summary>A part of the toll ("two of them in the supermarket") is not the incident's toll: it becomes a note, so that it adds no figure to reconcile.</summary>
    private static Fact Figure(SuggestionKind kind, SuggestedFigure figure)
    {
        var killed = kind == SuggestionKind.Killed;
        return figure.Scope switch
        {
            FigureScope.Perpetrators => killed ? new CasualtiesFact { PerpetratorsKilled = figure.Count } : new CasualtiesFact { PerpetratorsWounded = figure.Count },
            FigureScope.Part => new NoteFact { Text = $"Part of the toll: {figure.Count} {(killed ? "killed" : "wounded")}." },
            _ => killed ? new CasualtiesFact { Killed = figure.Count } : new CasualtiesFact { Wounded = figure.Count },
        };
    }

    private static LocationFact Location(SuggestedPlace place) => place.Level switch
    {
        "country" => new LocationFact { Country = place.CountryCode },
        "street" => new LocationFact { Place = place.Name },
        "province" or "region" or "department" or "state" or "county" or "district" => new LocationFact { Region = place.Name },
        _ => new LocationFact { City = place.Name },
    };

    /// <summary>The key that links facts about one person across reports: the name's slug, as the sample reports write it ("redouane-lakdim").</summary>
    private static string? Key(string? name) => name is null ? null : GroupNames.Slug(name);
}
