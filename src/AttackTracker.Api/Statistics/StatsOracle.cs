using AttackTracker.Api.Groups;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;
using Marten;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// The statistics by the slow path: every incident's view at the point asked, aggregated in memory
/// (<see cref="Totals"/>). It is what the indexed rows must equal (the tests compare every answer
/// with it, on both axes; verify compares every incident's rows with a fresh fold), and it answers
/// the one question the rows do not: a point on both axes at once (asOf and recordedAsOf), at the
/// cost of one view per incident that passes the filter.
/// </summary>
public sealed class StatsOracle(ISessionFactory sessions, IncidentTimeMachine machine, GroupNamesTable names)
{
    /// <summary>How many incidents it reads at a time.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// Every row of the answer, ordered by key, with the groups resolved as the identity stood at
    /// the point on the recording axis (now when there is none), as the indexed rows resolve them.
    /// </summary>
    public async Task<IReadOnlyList<StatsRow>> RowsAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var resolution = await names.ResolutionAsync(query.RecordedAsOf, cancellationToken);
        var contributions = new List<IncidentContribution>();
        await foreach (var contribution in ContributionsAsync(query.Filter with { Group = null }, query.AsOf, query.RecordedAsOf, cancellationToken))
        {
            contributions.Add(resolution.Resolve(contribution));
        }

        return Totals.Aggregate(contributions, query.By, query.Filter with { Group = query.Filter.Group is { } group ? resolution.Key(group) : null });
    }

    public static IEnumerable<StatsRow> Sorted(IReadOnlyList<StatsRow> rows, StatsSort sort) => sort switch
    {
        StatsSort.Incidents => rows.OrderByDescending(r => r.Incidents),
        StatsSort.Killed => rows.OrderByDescending(r => r.Killed.Best),
        StatsSort.Wounded => rows.OrderByDescending(r => r.Wounded.Best),
        _ => rows,
    };

    /// <summary>
    /// Each incident's contribution at the point: its state as the record stood at
    /// <paramref name="recordedAsOf"/> (now when null), its view as of <paramref name="asOf"/> on
    /// the publication axis (everything when null). Incidents are read a page of listings at a time
    /// (filtered by country and date of occurrence, which an incident's opening fixes).
    /// </summary>
    public async IAsyncEnumerable<IncidentContribution> ContributionsAsync(
        StatsFilter filter, DateTimeOffset? asOf, DateTimeOffset? recordedAsOf, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Guid? after = null;
        while (true)
        {
            await using var session = sessions.QuerySession();
            var listings = session.Query<IncidentListing>().AsQueryable();
            if (filter.Country is { } country)
            {
                listings = listings.Where(l => l.Country == country);
            }

            if (filter.From is { } from)
            {
                listings = listings.Where(l => l.OccurredOn >= from);
            }

            if (filter.To is { } to)
            {
                listings = listings.Where(l => l.OccurredOn <= to);
            }

            if (after is { } last)
            {
                listings = listings.Where(l => l.Id.CompareTo(last) > 0);
            }

            var page = await listings.OrderBy(l => l.Id).Take(PageSize).Select(l => new { l.Id, l.Version }).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var states = recordedAsOf is null
                ? (await session.LoadManyAsync<IncidentState>(cancellationToken, page.Select(p => p.Id))).ToDictionary(s => s.Id)
                : [];
            foreach (var listing in page)
            {
                IncidentState? state;
                if (recordedAsOf is not null)
                {
                    state = await machine.StateAsync(session, listing.Id, null, recordedAsOf, cancellationToken) is PastState.Found found ? found.State : null;
                }
                else
                {
                    state = states.TryGetValue(listing.Id, out var stored) && stored.Version >= listing.Version
                        ? stored
                        : await IncidentReader.StateAtAsync(session, listing.Id, listing.Version, cancellationToken);
                }

                // A survivor counts with the facts of the incidents merged into it, as its view does.
                state = state is null ? null : await machine.WithAbsorbedAsync(session, state, cancellationToken);
                if (state is not null && IncidentContribution.Of(listing.Id, state, asOf, 0) is { } contribution && filter.Admits(contribution))
                {
                    yield return contribution;
                }
            }

            after = page[^1].Id;
        }
    }
}
