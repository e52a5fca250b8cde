-- The event store's tables. __schema__ is replaced by the configured schema name.

CREATE TABLE __schema__.streams (
    id          uuid        PRIMARY KEY,
    type        text        NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 0),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    archived    boolean     NOT NULL DEFAULT false
);

-- seq_id is the global position. recorded_at is clock_timestamp(), taken after
-- the stream row is locked by the append, so within a stream it grows with the
-- version: a recorded_at bound is a version bound (see docs/adr/0001).
-- tx_id is the writing transaction's id; the commit-order feed pages on
-- (tx_id, seq_id) below the oldest running transaction (pg_snapshot_xmin).
CREATE TABLE __schema__.events (
    seq_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid        NOT NULL,
    -- No foreign key to streams: the append writes both rows in one statement
    -- under the stream's row lock, and an RI check per event would cost ~10%.
    stream_id   uuid        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    type        text        NOT NULL,
    data        jsonb       NOT NULL,
    metadata    jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
);

CREATE INDEX events_feed_idx ON __schema__.events (tx_id, seq_id);

-- Append-only at the database: no role can change or remove a stored event
-- through ordinary DML, whatever its grants.
CREATE FUNCTION __schema__.events_are_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % on %.events is not allowed', TG_OP, TG_TABLE_SCHEMA
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON __schema__.events
    FOR EACH ROW EXECUTE FUNCTION __schema__.events_are_immutable();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON __schema__.events
    FOR EACH STATEMENT EXECUTE FUNCTION __schema__.events_are_immutable();
