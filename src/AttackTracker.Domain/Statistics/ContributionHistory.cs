using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Domain.Statistics;

/// <summary>What an incident adds to the totals from <see cref="ValidFrom"/> (inclusive) until <see cref="ValidTo"/> (exclusive; null: from then on).</summary>
public sealed record ContributionSpan(DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, IncidentContribution Contribution);

/// <summary>
/// An incident's contributions over a time axis, as intervals in which each holds. On the
/// publication axis the view as of a date is a function of the assertions that count then
/// (<see cref="IncidentViewBuilder"/>), and that set changes only at a report's publication, a
/// withdrawal's publication and a ruling's recording: between two such points the contribution is
/// the one at the first. An entered-in-error retraction takes its fact out at every date, so it is
/// no point at all. On the recording axis each commit is a point (the caller folds them in order).
/// </summary>
public static class ContributionHistory
{
    /// <summary>
    /// The incident's contributions on the publication axis, as of every point at which one can
    /// change, with equal neighbours merged; none before its first report's publication.
    /// </summary>
    public static IReadOnlyList<ContributionSpan> Published(Guid id, IncidentState state, long lastSequence)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spans = new List<ContributionSpan>();
        if (state.Opened is null)
        {
            return spans;
        }

        IncidentContribution? open = null;
        var from = DateTimeOffset.MinValue;
        foreach (var point in Points(state))
        {
            var contribution = IncidentContribution.Of(id, state, point, lastSequence);
            if (open is not null && contribution is not null && SameTotals(open, contribution))
            {
                continue;
            }

            if (open is not null)
            {
                spans.Add(new ContributionSpan(from, point, open));
            }

            (open, from) = (contribution, point);
        }

        if (open is not null)
        {
            spans.Add(new ContributionSpan(from, null, open));
        }

        return spans;
    }

    /// <summary>The points of the publication axis at which the incident's view can change, in order.</summary>
    public static IEnumerable<DateTimeOffset> Points(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Reports.Select(r => r.PublishedAt)
            .Concat(state.Retractions.Values
                .Where(r => r.Kind == RetractionKind.WithdrawnBySource && r.PublishedAt is not null)
                .Select(r => r.PublishedAt!.Value))
            .Concat(state.Adjudications.Select(a => a.RecordedAt))
            .Distinct()
            .Order();
    }

    /// <summary>Whether two contributions of one incident add the same to every total, whatever else (reports, claims) differs.</summary>
    public static bool SameTotals(IncidentContribution a, IncidentContribution b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Country == b.Country
            && a.Year == b.Year
            && a.OccurredOn == b.OccurredOn
            && a.Title == b.Title
            && a.Killed == b.Killed
            && a.Wounded == b.Wounded
            && a.Disputed == b.Disputed
            && a.SingleSource == b.SingleSource
            && a.AttackTypes.Select(t => t.Code).SequenceEqual(b.AttackTypes.Select(t => t.Code))
            && a.WeaponTypes.Select(t => t.Code).SequenceEqual(b.WeaponTypes.Select(t => t.Code))
            && a.Groups.Select(g => (g.Slug, g.Name, g.Claimed, g.Attributed)).SequenceEqual(b.Groups.Select(g => (g.Slug, g.Name, g.Claimed, g.Attributed)));
    }
}
