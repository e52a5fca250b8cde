using Npgsql;

namespace AttackTracker.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Reads every stream's events after <paramref name="after"/> in commit-safe order: by writing
    /// transaction, then global position, and only from transactions older than the oldest one
    /// still running. A transaction that took a lower position but commits later is never
    /// stepped over: its id is at or above the running snapshot's xmin, so it is read once it
    /// has committed, after the checkpoint. Store <see cref="FeedPage.Next"/> as the checkpoint.
    /// </summary>
    /// <remarks>
    /// A long transaction anywhere in the cluster holds the feed back (never loses events);
    /// keep the service's transactions short.
    /// </remarks>
    public async Task<FeedPage> ReadAllAsync(FeedPosition after, int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var command = DataSource.CreateCommand(_sql.ReadAll);
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.TransactionId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        var events = new List<RecordedEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(ReadEvent(reader));
            }
        }

        return new FeedPage(events, events.Count > 0 ? FeedPosition.Of(events[^1]) : after);
    }
}
