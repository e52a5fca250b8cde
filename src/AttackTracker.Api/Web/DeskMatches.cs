using AttackTracker.Api.Incidents;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Sources;
using Marten;

namespace AttackTracker.Api.Web;

/// <summary>An incident the desk offers for a report: why it is offered, in words.</summary>
public sealed record IncidentMatch(IncidentListing Listing, string Why);

/// <summary>
/// The incidents an article's report may belong to: those within a week of the attack's date (as
/// suggested, else the publication's), those whose title or place names a suggested place ranked
/// first; and a search by title or place, as the incident list searches.
/// </summary>
public static class DeskMatches
{
    public const int Window = 7;

    public static async Task<IReadOnlyList<IncidentMatch>> LikelyAsync(IQuerySession session, IReadOnlyList<Suggestion> suggestions, DateOnly published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(suggestions);
        var mine = suggestions.Where(s => s.Attack == AttackReference.This).ToList();
        var day = mine.Select(s => s.Value).OfType<SuggestedDate>().Select(d => (DateOnly?)d.At.Date).FirstOrDefault() ?? published;
        var places = mine.Select(s => s.Value).OfType<SuggestedPlace>().ToList();
        var names = places.Where(p => p.Level != "country").Select(p => SourceNames.Normalize(p.Name)).Where(n => n.Length > 2).Distinct().ToList();
        var countries = places.Select(p => p.CountryCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (from, to) = (day.AddDays(-Window), day.AddDays(Window));
        var near = await session.Query<IncidentListing>().Where(x => x.OccurredOn >= from && x.OccurredOn <= to).Take(200).ToListAsync(cancellationToken);
        return [.. near
            .Select(listing =>
            {
                var place = names.FirstOrDefault(n => listing.SearchText.Contains(n, StringComparison.Ordinal));
                var country = listing.Country is { } c && countries.Contains(c);
                var days = Math.Abs(listing.OccurredOn!.Value.DayNumber - day.DayNumber);
                var why = (days == 0 ? "the same day" : $"{days} day{(days == 1 ? "" : "s")} from {day:d MMMM yyyy}")
                    + (place is not null ? ", the place named" : country ? ", the same country" : string.Empty);
                return (Listing: listing, Score: (place is not null ? 2 : 0) + (country ? 1 : 0), Days: days, Why: why);
            })
            .OrderByDescending(m => m.Score).ThenBy(m => m.Days).ThenBy(m => m.Listing.Id)
            .Take(5)
            .Select(m => new IncidentMatch(m.Listing, m.Why))];
    }

    public static async Task<IReadOnlyList<IncidentMatch>> SearchAsync(IQuerySession session, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var normalized = SourceNames.Normalize(text);
        var found = await session.Query<IncidentListing>().Where(x => x.SearchText.Contains(normalized))
            .OrderByDescending(x => x.OccurredOn).ThenByDescending(x => x.Id).Take(10).ToListAsync(cancellationToken);
        return [.. found.Select(l => new IncidentMatch(l, "found by the search"))];
    }
}
