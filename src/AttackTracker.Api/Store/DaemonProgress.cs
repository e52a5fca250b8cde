
namespace AttackTracker.Api.Store;

/// <summary>How far one async shard of Marten's daemon has got: the last sequence it folded in, and how many it is behind.</summary>
public sealed record ProjectionLag(string Name, long LastSequence, long Lag);

/// <summary>
/// The event log's last sequence number drawn, the daemon's high-water mark (below it every
/// transaction has ended), and each async shard's progress and lag behind the last sequence.
/// </summary>
public sealed record EventProgress(long LastSequence, long HighWaterMark, IReadOnlyList<ProjectionLag> Projections)
{
    public ProjectionLag? Shard(string name) => Projections.FirstOrDefault(p => p.Name == name);
}

/// <summary>Reads <see cref="EventProgress"/> in one round trip on two tiny tables: the sequence's last value and the progression rows.</summary>
/// <remarks>In a routed read (the statistics), the read's snapshot: the progress matches the rows read beside it.</remarks>
public sealed class DaemonProgress(ReadSessions reads, StoreSettings settings)
{
    private readonly string _sql = $"""
        SELECT 0, '', CASE WHEN is_called THEN last_value ELSE 0 END FROM "{settings.Schema}".mt_events_sequence
        UNION ALL
        SELECT 1, name, last_seq_id FROM "{settings.Schema}".mt_event_progression
        """;

    public async Task<EventProgress> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand(_sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long last = 0, highWaterMark = 0;
        var shards = new List<(string Name, long Sequence)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var (name, sequence) = (reader.GetString(1), reader.GetInt64(2));
            if (reader.GetInt32(0) == 0)
            {
                last = sequence;
            }
            else if (name == "HighWaterMark")
            {
                highWaterMark = sequence;
            }
            else if (name.Contains(':', StringComparison.Ordinal))
            {
                // A shard is "{projection}:{shard}"; the daemon keeps rows of its own beside them (HighWaterAllocationFence).
                shards.Add((name, sequence));
            }
        }

        last = Math.Max(last, Math.Max(highWaterMark, shards.Count == 0 ? 0 : shards.Max(s => s.Sequence)));
        return new EventProgress(
            last,
            highWaterMark,
            [.. shards.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new ProjectionLag(s.Name, s.Sequence, Math.Max(0, last - s.Sequence)))]);
    }
}
