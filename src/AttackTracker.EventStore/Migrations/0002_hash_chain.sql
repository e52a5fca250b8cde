-- Tamper evidence: every event carries a SHA-256 over its content, its metadata and its
-- recorded time, chained to the previous event of its stream; the stream row keeps the head.
-- The append becomes one function so that the previous link is read under the stream's row
-- lock and the recorded time that is hashed is the one stored (see docs/adr/0001).

ALTER TABLE __schema__.streams ADD COLUMN last_hash bytea;
ALTER TABLE __schema__.events ADD COLUMN hash bytea;

CREATE FUNCTION __schema__.event_hash(
    p_previous bytea, p_stream uuid, p_version bigint, p_type text, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(coalesce(p_previous, '\x'::bytea) || convert_to(concat_ws('|',
        p_stream::text, p_version::text, p_type, p_data::text, p_metadata::text,
        to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8'))
$$;

-- Existing events (stored before this migration) get their chain now.
DO $$
DECLARE
    s record;
    e record;
    previous bytea;
BEGIN
    FOR s IN SELECT id FROM __schema__.streams LOOP
        previous := NULL;
        FOR e IN SELECT seq_id, stream_id, version, type, data, metadata, recorded_at
                 FROM __schema__.events WHERE stream_id = s.id ORDER BY version LOOP
            previous := __schema__.event_hash(previous, e.stream_id, e.version, e.type, e.data, e.metadata, e.recorded_at);
            -- The immutability trigger would refuse this one-time back-fill.
            ALTER TABLE __schema__.events DISABLE TRIGGER events_no_update_or_delete;
            UPDATE __schema__.events SET hash = previous WHERE seq_id = e.seq_id;
            ALTER TABLE __schema__.events ENABLE TRIGGER events_no_update_or_delete;
        END LOOP;
        UPDATE __schema__.streams SET last_hash = previous WHERE id = s.id;
    END LOOP;
END;
$$;

ALTER TABLE __schema__.events ALTER COLUMN hash SET NOT NULL;

-- p_expected: -1 any version (creates the stream when missing), 0 no stream yet, n exactly n.
-- Returns no row when the stream is not in the expected state; the caller reads why.
CREATE FUNCTION __schema__.append_events(
    p_stream uuid, p_stream_type text, p_expected bigint,
    p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[])
RETURNS TABLE (o_position bigint, o_version bigint, o_recorded_at timestamptz, o_tx xid8)
LANGUAGE plpgsql AS $$
DECLARE
    v_count int := cardinality(p_ids);
    v_base bigint;
    v_previous bytea;
    v_archived boolean;
    v_now timestamptz;
    v_hashes bytea[] := ARRAY[]::bytea[];
BEGIN
    IF p_expected <= 0 THEN
        INSERT INTO __schema__.streams AS st (id, type, version) VALUES (p_stream, p_stream_type, 0)
        ON CONFLICT (id) DO NOTHING;
        IF NOT FOUND AND p_expected = 0 THEN
            RETURN;
        END IF;
    END IF;

    -- The row lock orders writers of one stream; each later statement here sees the row
    -- and the events as the previous writer committed them.
    SELECT st.version, st.last_hash, st.archived INTO v_base, v_previous, v_archived
    FROM __schema__.streams st WHERE st.id = p_stream FOR UPDATE;
    IF NOT FOUND OR v_archived OR (p_expected > 0 AND v_base <> p_expected) THEN
        RETURN;
    END IF;

    -- One recorded time per append, taken after the lock: within a stream it never decreases.
    v_now := clock_timestamp();
    FOR i IN 1 .. v_count LOOP
        v_previous := __schema__.event_hash(v_previous, p_stream, v_base + i, p_types[i], p_data[i], p_metadata[i], v_now);
        v_hashes := v_hashes || v_previous;
    END LOOP;

    UPDATE __schema__.streams SET version = v_base + v_count, updated_at = v_now, last_hash = v_previous
    WHERE id = p_stream;

    RETURN QUERY
    INSERT INTO __schema__.events AS ev (id, stream_id, version, type, data, metadata, recorded_at, hash)
    SELECT e.id, p_stream, v_base + e.ord, e.type, e.data, e.metadata, v_now, v_hashes[e.ord]
    FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(id, type, data, metadata, ord)
    ORDER BY e.ord
    RETURNING ev.seq_id, ev.version, ev.recorded_at, ev.tx_id;
END;
$$;

-- Recomputes a stream's chain; returns the first version whose stored hash is not what its
-- content, metadata, recorded time and predecessor give, or that is missing from the sequence.
CREATE FUNCTION __schema__.verify_stream(p_stream uuid)
RETURNS TABLE (o_checked bigint, o_broken_version bigint, o_problem text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    e record;
    v_previous bytea;
    v_expected bytea;
    v_checked bigint := 0;
    v_head record;
BEGIN
    FOR e IN SELECT ev.stream_id, ev.version, ev.type, ev.data, ev.metadata, ev.recorded_at, ev.hash
             FROM __schema__.events ev WHERE ev.stream_id = p_stream ORDER BY ev.version LOOP
        IF e.version <> v_checked + 1 THEN
            RETURN QUERY SELECT v_checked, v_checked + 1, 'event missing from the stream';
            RETURN;
        END IF;
        v_expected := __schema__.event_hash(v_previous, e.stream_id, e.version, e.type, e.data, e.metadata, e.recorded_at);
        IF e.hash IS DISTINCT FROM v_expected THEN
            RETURN QUERY SELECT v_checked, e.version, 'stored hash does not match the event''s content, metadata, recorded time and predecessor';
            RETURN;
        END IF;
        v_previous := e.hash;
        v_checked := v_checked + 1;
    END LOOP;

    SELECT st.version, st.last_hash INTO v_head FROM __schema__.streams st WHERE st.id = p_stream;
    IF FOUND AND (v_head.version <> v_checked OR v_head.last_hash IS DISTINCT FROM v_previous) THEN
        RETURN QUERY SELECT v_checked, v_checked + 1, 'the stream''s head (version and last hash) does not match its last event';
        RETURN;
    END IF;

    RETURN QUERY SELECT v_checked, NULL::bigint, NULL::text;
END;
$$;
