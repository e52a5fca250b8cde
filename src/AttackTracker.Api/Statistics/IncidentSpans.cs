using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Statistics;

/// <summary>An event the statistics skipped: it cannot be read, folded, or counted (a poison event).</summary>
public sealed record SkippedEvent(StoredEvent Event, Exception Failure);

/// <summary>
/// One incident's rows of the statistics after a range of its events: on the recording axis the
/// contributions from each commit of the range on (<see cref="FirstCommit"/>, the first of them:
/// its rows from there are replaced, the one open there is closed), and on the publication axis
/// every row, replaced whole.
/// </summary>
public sealed record IncidentSpans(
    Guid IncidentId,
    DateTimeOffset? FirstCommit,
    IReadOnlyList<ContributionSpan> Recorded,
    IReadOnlyList<ContributionSpan> Published,
    IReadOnlyList<SkippedEvent> Skipped,
    IncidentState State)
{
    /// <summary>
    /// Folds an incident's events (<paramref name="events"/>, in version order, after the state
    /// <paramref name="start"/>) and computes its rows for the commits whose events lie past
    /// <paramref name="floor"/> (0: all of them). Events in <paramref name="skip"/> (poison events
    /// recorded before) and events that cannot be read or folded are left out of the fold; so is an
    /// event after which the incident's contribution cannot be computed. Those in the range are
    /// returned to be recorded. An incident with others merged into it contributes its state
    /// combined with theirs (<see cref="IncidentMerges.WithAbsorbed"/>), read from
    /// <paramref name="absorbed"/> (the merged incidents' events; none when null): a merged attack
    /// is counted once, with the figures of both records (docs/identity.md).
    /// </summary>
    public static IncidentSpans Fold(
        Guid id, IncidentState start, IReadOnlyList<StoredEvent> events, long floor, IReadOnlySet<long> skip, Func<Guid, IEnumerable<StreamEvent>>? absorbed = null)
    {
        var merged = absorbed ?? (_ => []);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(skip);
        var state = start;
        var recorded = new List<ContributionSpan>();
        var skipped = new List<SkippedEvent>();
        DateTimeOffset? first = null;
        var last = 0L;
        for (var i = 0; i < events.Count;)
        {
            // One commit: every event of it carries one recorded time, a later commit a later one.
            var end = i + 1;
            while (end < events.Count && events[end].RecordedAt == events[i].RecordedAt)
            {
                end++;
            }

            var inRange = events[end - 1].Sequence > floor;
            var before = state;
            for (var j = i; j < end; j++)
            {
                state = Apply(state, events[j], events[j].Sequence > floor, skip, skipped);
                last = Math.Max(last, events[j].Sequence);
            }

            if (inRange)
            {
                first ??= events[i].RecordedAt;
                var contribution = Contribution(id, before, events, i, end, last, skip, skipped, merged, ref state);
                if (recorded.Count > 0)
                {
                    recorded[^1] = recorded[^1] with { ValidTo = events[i].RecordedAt };
                }

                if (contribution is not null)
                {
                    recorded.Add(new ContributionSpan(events[i].RecordedAt, null, contribution));
                }
            }

            i = end;
        }

        state = state with { Id = id };
        return new IncidentSpans(id, first, recorded, first is null ? [] : ContributionHistory.Published(id, IncidentMerges.WithAbsorbed(state, merged), last), skipped, state);
    }

    private static IncidentState Apply(IncidentState state, StoredEvent e, bool record, IReadOnlySet<long> skip, List<SkippedEvent> skipped)
    {
        if (skip.Contains(e.Sequence))
        {
            return state;
        }

        if (e.Data is null)
        {
            Skip(e, e.Failure ?? new InvalidOperationException("The event cannot be read."), record, skipped);
            return state;
        }

        try
        {
            return IncidentFold.Evolve(state, e.ToStreamEvent());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Skip(e, ex, record, skipped);
            return state;
        }
    }

    /// <summary>
    /// The contribution after a commit. When it cannot be computed, the commit is folded again one
    /// event at a time to find the first event after which it fails; that event is left out.
    /// </summary>
    private static IncidentContribution? Contribution(
        Guid id,
        IncidentState before,
        IReadOnlyList<StoredEvent> events,
        int from,
        int to,
        long last,
        IReadOnlySet<long> skip,
        List<SkippedEvent> skipped,
        Func<Guid, IEnumerable<StreamEvent>> absorbed,
        ref IncidentState state)
    {
        try
        {
            return IncidentContribution.Of(id, IncidentMerges.WithAbsorbed(state, absorbed), null, last);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var refolded = before;
            var culprits = new HashSet<long>(skip);
            for (var j = from; j < to; j++)
            {
                var next = Apply(refolded, events[j], record: false, culprits, []);
                try
                {
                    IncidentContribution.Of(id, IncidentMerges.WithAbsorbed(next, absorbed), null, last);
                    refolded = next;
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    culprits.Add(events[j].Sequence);
                    Skip(events[j], failure, record: true, skipped);
                }
            }

            state = refolded;
            try
            {
                return IncidentContribution.Of(id, IncidentMerges.WithAbsorbed(state, absorbed), null, last);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                Skip(events[to - 1], failure, record: true, skipped);
                return null;
            }
        }
    }

    private static void Skip(StoredEvent e, Exception failure, bool record, List<SkippedEvent> skipped)
    {
        if (record)
        {
            skipped.Add(new SkippedEvent(e, failure));
        }
    }
}
