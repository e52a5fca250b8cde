-- The recording axis and the tamper-evident hash chain, on Marten's mt_events.
--
-- Marten owns mt_events and Weasel drops columns and indexes it does not know when it migrates
-- the table, so nothing is added to it: the links live in event_hashes, one row per event, written
-- by a trigger that fires for every insert whatever the role. Weasel leaves triggers alone.
--
-- hash(v) = sha256(hash(v-1) || UTF-8 of stream_id|version|type|data|headers|user_name|
--                  correlation_id|causation_id|timestamp), hash(0) empty, jsonb as its text (no
-- headers, whether SQL NULL or JSON null as Marten's quick append writes them, as empty), the
-- timestamp in UTC with microseconds. seq_id, the event id and the tenant are not covered.

CREATE TABLE IF NOT EXISTS __schema__.event_hashes (
    stream_id   uuid        NOT NULL,
    version     bigint      NOT NULL,
    seq_id      bigint      NOT NULL,
    tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    recorded_at timestamptz NOT NULL,
    hash        bytea       NOT NULL,
    PRIMARY KEY (stream_id, version)
);

CREATE OR REPLACE FUNCTION __schema__.event_hash(
    p_previous bytea, p_stream uuid, p_version bigint, p_type text, p_data jsonb, p_headers jsonb,
    p_user_name text, p_correlation_id text, p_causation_id text, p_recorded_at timestamptz)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(coalesce(p_previous, '\x'::bytea) || convert_to(concat_ws('|',
        p_stream::text, p_version::text, p_type, p_data::text, coalesce(nullif(p_headers, 'null'::jsonb)::text, ''),
        coalesce(p_user_name, ''), coalesce(p_correlation_id, ''), coalesce(p_causation_id, ''),
        to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8'))
$$;

-- For every event: chain it to its predecessor and hold the recording axis. Within a stream every
-- event of one transaction carries one recorded time, and each later transaction a strictly later
-- one, never one ahead of the database's clock. The service sets that time (Store/RecordingClock.cs);
-- this refuses an event that breaks it, so a bug cannot silently reorder the axis. It runs with its
-- owner's rights so that the service role, which may not write event_hashes, still gets its links.
-- It fires after the row is in: two writers racing for one version then collide on Marten's own
-- unique index (stream_id, version), which Marten reports as a concurrency failure, rather than on
-- event_hashes' key.
CREATE OR REPLACE FUNCTION __schema__.link_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_previous record;
    v_tx xid8 := pg_current_xact_id();
BEGIN
    -- Marten's tombstones (Rich append mode) fill the sequence numbers a failed transaction drew,
    -- in a stream of their own, and record nothing.
    IF NEW.type = 'tombstone' THEN
        RETURN NULL;
    END IF;

    SELECT h.hash, h.tx_id, h.recorded_at INTO v_previous
    FROM __schema__.event_hashes h WHERE h.stream_id = NEW.stream_id AND h.version = NEW.version - 1;
    IF NOT FOUND AND NEW.version > 1 THEN
        RAISE EXCEPTION 'event % of stream % has no predecessor in the hash chain', NEW.version, NEW.stream_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF FOUND AND v_previous.tx_id = v_tx AND NEW.timestamp <> v_previous.recorded_at THEN
        RAISE EXCEPTION 'event % of stream %: one transaction records its events at one time (% and %)',
            NEW.version, NEW.stream_id, v_previous.recorded_at, NEW.timestamp USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF FOUND AND v_previous.tx_id <> v_tx AND NEW.timestamp <= v_previous.recorded_at THEN
        RAISE EXCEPTION 'event % of stream %: recorded at %, not after its predecessor (%)',
            NEW.version, NEW.stream_id, NEW.timestamp, v_previous.recorded_at USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.timestamp > clock_timestamp() THEN
        RAISE EXCEPTION 'event % of stream %: recorded at %, ahead of the database clock', NEW.version, NEW.stream_id, NEW.timestamp
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;

    INSERT INTO __schema__.event_hashes (stream_id, version, seq_id, tx_id, recorded_at, hash)
    VALUES (NEW.stream_id, NEW.version, NEW.seq_id, v_tx, NEW.timestamp,
            __schema__.event_hash(v_previous.hash, NEW.stream_id, NEW.version, NEW.type, NEW.data, NEW.headers,
                                  NEW.user_name, NEW.correlation_id, NEW.causation_id, NEW.timestamp));
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS link_event ON __schema__.mt_events;
CREATE TRIGGER link_event AFTER INSERT ON __schema__.mt_events
    FOR EACH ROW EXECUTE FUNCTION __schema__.link_event();

-- Recomputes a stream's chain. Returns the first version whose stored link is not what its row
-- and predecessor give, that has no link, or that is missing; and whether the stream's version
-- (mt_streams) matches its last event.
CREATE OR REPLACE FUNCTION __schema__.verify_stream(p_stream uuid)
RETURNS TABLE (o_checked bigint, o_broken_version bigint, o_problem text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    e record;
    v_previous bytea;
    v_checked bigint := 0;
    v_version bigint;
BEGIN
    FOR e IN SELECT ev.version, ev.type, ev.data, ev.headers, ev.user_name, ev.correlation_id, ev.causation_id, ev.timestamp, h.hash
             FROM __schema__.mt_events ev
             LEFT JOIN __schema__.event_hashes h ON h.stream_id = ev.stream_id AND h.version = ev.version
             WHERE ev.stream_id = p_stream ORDER BY ev.version LOOP
        IF e.version <> v_checked + 1 THEN
            RETURN QUERY SELECT v_checked, v_checked + 1, 'event missing from the stream';
            RETURN;
        END IF;
        IF e.hash IS NULL THEN
            RETURN QUERY SELECT v_checked, e.version, 'event has no link in the hash chain';
            RETURN;
        END IF;
        IF e.hash <> __schema__.event_hash(v_previous, p_stream, e.version, e.type, e.data, e.headers,
                                          e.user_name, e.correlation_id, e.causation_id, e.timestamp) THEN
            RETURN QUERY SELECT v_checked, e.version, 'stored hash does not match the event''s content, metadata, recorded time and predecessor';
            RETURN;
        END IF;
        v_previous := e.hash;
        v_checked := v_checked + 1;
    END LOOP;

    IF EXISTS (SELECT 1 FROM __schema__.event_hashes h WHERE h.stream_id = p_stream AND h.version > v_checked) THEN
        RETURN QUERY SELECT v_checked, v_checked + 1, 'event missing from the stream';
        RETURN;
    END IF;

    SELECT s.version INTO v_version FROM __schema__.mt_streams s WHERE s.id = p_stream;
    IF FOUND AND v_version <> v_checked THEN
        RETURN QUERY SELECT v_checked, v_checked + 1, 'the stream''s version does not match its last event';
        RETURN;
    END IF;

    RETURN QUERY SELECT v_checked, NULL::bigint, NULL::text;
END;
$$;
