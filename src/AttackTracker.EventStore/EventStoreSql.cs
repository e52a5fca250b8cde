namespace AttackTracker.EventStore;

/// <summary>The store's SQL, built once per schema.</summary>
internal sealed class EventStoreSql(string schema)
{
    internal const string EventColumns = "seq_id, id, stream_id, version, type, data, metadata, recorded_at, tx_id";

    // $1 stream id, $2 event count, $3..$6 the events' ids, types, data and metadata, $7 the
    // stream type (start, any) or the expected version. The CTE moves (or creates) the stream row first, which
    // locks it; the events then take the versions after it. A stream in the wrong state makes
    // the CTE return no row, so nothing is inserted and the caller reads why.
    private static string InsertEvents(string schema) => $"""
        INSERT INTO {schema}.events (id, stream_id, version, type, data, metadata)
        SELECT e.id, $1, s.base + e.ord, e.type, e.data, e.metadata
        FROM s, unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, data, metadata, ord)
        ORDER BY e.ord
        RETURNING seq_id, version, recorded_at, tx_id
        """;

    public string StartStream { get; } = $"""
        WITH s AS (
            INSERT INTO {schema}.streams (id, type, version) VALUES ($1, $7, $2)
            ON CONFLICT (id) DO NOTHING
            RETURNING 0::bigint AS base)
        {InsertEvents(schema)}
        """;

    public string AppendExpected { get; } = $"""
        WITH s AS (
            UPDATE {schema}.streams SET version = version + $2, updated_at = clock_timestamp()
            WHERE id = $1 AND version = $7 AND NOT archived
            RETURNING version - $2 AS base)
        {InsertEvents(schema)}
        """;

    public string AppendAny { get; } = $"""
        WITH s AS (
            INSERT INTO {schema}.streams AS st (id, type, version) VALUES ($1, $7, $2)
            ON CONFLICT (id) DO UPDATE SET version = st.version + EXCLUDED.version, updated_at = clock_timestamp()
            WHERE NOT st.archived
            RETURNING st.version - $2 AS base)
        {InsertEvents(schema)}
        """;

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
