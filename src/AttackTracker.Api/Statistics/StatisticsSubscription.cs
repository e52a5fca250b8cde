using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// Keeps the statistics' rows (Sql/0010) on Marten's async daemon, so they stay off the write
/// path, run on one node at a time and move to another when it dies. The daemon hands over ranges
/// of the global sequence up to its high-water mark (below which every transaction has ended) and
/// records the progress of each; the work on a range is <see cref="StatisticsRanges"/>: the events
/// of the incidents it touches are read with Npgsql (several times the rate of the daemon's own
/// loader, docs/adr/0006), each stream folded up to the range's end, and the incidents' rows
/// written. The daemon's loader only delimits the ranges: it is asked for openings, the rarest
/// event type, and for nothing else.
/// <para>
/// The rows an incident gets are a function of its events up to the range's end, whatever rows it
/// had before (<see cref="SpanWriter"/>): a range handed over twice (after a crash, before its
/// progress was recorded) changes nothing, and a rebuild is the same work from sequence 0 over
/// empty tables. A poison event (one that cannot be read, folded or counted) is recorded as the
/// daemon's dead letter, with the range's progress, and left out of the fold from then on.
/// </para>
/// </summary>
public sealed class StatisticsSubscription : SubscriptionBase
{
    public const string SubscriptionName = "incident_stats";

    /// <summary>Its row in mt_event_progression.</summary>
    public const string ProgressName = SubscriptionName + ":All";

    private readonly StatisticsRanges _ranges;

    public StatisticsSubscription(string schema)
    {
        _ranges = new StatisticsRanges(schema);
        Name = SubscriptionName;
        // Ranges of about this many new incidents: the daemon pages its (filtered) loader by count.
        Options.BatchSize = 1_000;
        IncludeType<Domain.Incidents.IncidentOpened>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(operations);
        await using var connection = operations.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var (poison, _) = await _ranges.ProcessAsync(connection, page.SequenceFloor, page.SequenceCeiling, [], cancellationToken);
        foreach (var deadLetter in poison)
        {
            operations.Store(deadLetter);
        }

        return NullChangeListener.Instance;
    }
}
