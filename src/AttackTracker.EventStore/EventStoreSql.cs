namespace AttackTracker.EventStore;

/// <summary>The store's SQL, built once per schema.</summary>
internal sealed class EventStoreSql(string schema)
{
    internal const string EventColumns = "seq_id, id, stream_id, version, type, data, metadata, recorded_at, tx_id";

    // One round trip: the function locks the stream row, checks the expected version, chains
    // the hashes and inserts the events (Migrations/0002_hash_chain.sql). -1 any, 0 no stream, n exactly n.
    public string Append { get; } = $"SELECT o_position, o_version, o_recorded_at, o_tx FROM {schema}.append_events($1, $2, $3, $4, $5, $6, $7)";

    public string VerifyStream { get; } = $"SELECT o_checked, o_broken_version, o_problem FROM {schema}.verify_stream($1)";

    public string StreamState { get; } = $"SELECT id, type, version, created_at, updated_at, archived FROM {schema}.streams WHERE id = $1";

    public string LockStream { get; } = $"SELECT id, type, version, created_at, updated_at, archived FROM {schema}.streams WHERE id = $1 FOR UPDATE";

    public string Archive { get; } = $"UPDATE {schema}.streams SET archived = true, updated_at = clock_timestamp() WHERE id = $1";

    public string ReadStream { get; } = $"""
        SELECT {EventColumns} FROM {schema}.events
        WHERE stream_id = $1 AND version >= $2 AND version <= $3 AND recorded_at <= $4
        ORDER BY version
        """;

    public string ReadByPosition { get; } = $"SELECT {EventColumns} FROM {schema}.events WHERE seq_id > $1 ORDER BY seq_id LIMIT $2";

    // Only transactions older than the oldest one still running (the snapshot's xmin) are
    // read: they have all committed or aborted, so no event can still appear below the page.
    public string ReadAll { get; } = $"""
        SELECT {EventColumns} FROM {schema}.events
        WHERE (tx_id, seq_id) > ($1::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx_id, seq_id
        LIMIT $3
        """;
}
