using Npgsql;

namespace AttackTracker.EventStore;

/// <summary>
/// A unit of work: appends to any number of streams, row locks on streams, and the caller's own
/// SQL on <see cref="Connection"/>, committed together with the inline projections.
/// Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class EventStoreTransaction : IAsyncDisposable
{
    private readonly List<RecordedEvent> _appended = [];
    private readonly List<Action> _onCommitted = [];
    private NpgsqlBatch? _batch;
    private bool _completed;

    internal EventStoreTransaction(EventStore store, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Store = store;
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The store.</summary>
    public EventStore Store { get; }

    /// <summary>The connection, for SQL that must commit with the events.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The open transaction.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>
    /// Writes that projections queue instead of sending one by one: the batch goes to the server in
    /// one round trip just before COMMIT.
    /// </summary>
    public NpgsqlBatch Batch => _batch ??= new NpgsqlBatch(Connection, Transaction);

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (for caches that must never hold uncommitted state).</summary>
    public void OnCommitted(Action action) => _onCommitted.Add(action);

    /// <summary>Creates a command enlisted in this transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// Locks the stream's row until commit (SELECT … FOR UPDATE) and returns its state, or null
    /// when it does not exist. Writers that lock first never see a version conflict: they queue.
    /// </summary>
    public Task<StreamState?> LockStreamAsync(Guid streamId, CancellationToken cancellationToken = default) =>
        EventStore.ReadStreamStateAsync(Connection, Transaction, Store.Sql.LockStream, streamId, cancellationToken);

    /// <summary>Appends to one stream within the transaction.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at the expected version.</exception>
    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        var result = await Store.AppendCoreAsync(Connection, Transaction, append, cancellationToken).ConfigureAwait(false);
        _appended.AddRange(result.Events);
        return result;
    }

    /// <summary>
    /// Reads events by global position as this transaction sees them. Unlike
    /// <see cref="EventStore.ReadAllAsync"/> it does not wait for transactions still in flight, so a
    /// lower position may commit after a page was read: use it only while the caller keeps
    /// concurrent writers out, as a projection rebuild does by locking the read models.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadByPositionAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(Store.Sql.ReadByPosition);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(Store.ReadEvent(reader));
        }

        return events;
    }

    /// <summary>Runs the inline projections over this transaction's events, sends the queued batch, then commits.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_appended.Count > 0)
        {
            foreach (var projection in Store.Options.InlineProjections)
            {
                await projection.ApplyAsync(this, _appended, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_batch is { BatchCommands.Count: > 0 })
        {
            await _batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        foreach (var action in _onCommitted)
        {
            action();
        }
    }

    /// <summary>Rolls back unless committed, and returns the connection to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await Transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is already broken; disposing it discards the transaction.
            }
        }

        if (_batch is not null)
        {
            await _batch.DisposeAsync().ConfigureAwait(false);
        }

        await Transaction.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
