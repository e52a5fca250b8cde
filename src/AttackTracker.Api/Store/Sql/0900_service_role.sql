-- The service's own role (EventStore:ServiceRole, applied only when one is set), last, so that it
-- covers every table the files before it created. It may append
-- events and move stream versions, and read and write every read model and Wolverine's tables,
-- but never update, delete or truncate a stored event or its link, nor remove a stream. The role
-- is shared by every schema in the cluster; each schema grants its own tables to it. Grants are
-- renewed at every start, so tables Marten or Wolverine added since are covered.
DO $$
BEGIN
    -- Checked first, so a login without CREATEROLE migrates when a DBA created the role.
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '__service_role__') THEN
        CREATE ROLE __service_role__ NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;

GRANT USAGE ON SCHEMA __schema__ TO __service_role__;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA __schema__ TO __service_role__;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA __schema__ TO __service_role__;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA __schema__ TO __service_role__;
REVOKE UPDATE, DELETE, TRUNCATE ON __schema__.mt_events FROM __service_role__;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __schema__.event_hashes FROM __service_role__;
REVOKE DELETE, TRUNCATE ON __schema__.mt_streams FROM __service_role__;
-- Keys are revoked by marking them, never removed; idempotency keys expire by being overwritten.
REVOKE DELETE, TRUNCATE ON __schema__.api_keys, __schema__.idempotency_keys FROM __service_role__;
-- A commit's notifications are derived from its events and stay as written.
REVOKE UPDATE, DELETE, TRUNCATE ON __schema__.notifications FROM __service_role__;
-- The event sequence only moves forward (nextval); setval would let a writer reuse positions.
REVOKE UPDATE ON SEQUENCE __schema__.mt_events_sequence FROM __service_role__;

-- The service switches to the role at connection start (-c role=...). A login role that is not a
-- superuser may only do that as a member of it: make the migrating login one.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, '__service_role__', 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', '__service_role__', current_user);
    END IF;
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE WARNING 'could not grant __service_role__ to %; grant it to the role the service logs in as', current_user;
END;
$$;

-- The async daemon runs as this role. Before it skips a sequence gap that has been open past its
-- stale threshold, it asks pg_stat_activity and pg_locks whether a transaction that could still
-- fill the gap is alive. Sessions log in as another role and switch to this one, so without
-- pg_read_all_stats those rows read '<insufficient privilege>' and a slow writer's committed
-- events could be skipped. Granted when the migrating login may grant it.
DO $$
BEGIN
    IF NOT pg_has_role('__service_role__', 'pg_read_all_stats', 'MEMBER') THEN
        GRANT pg_read_all_stats TO __service_role__;
    END IF;
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE WARNING 'could not grant pg_read_all_stats to __service_role__; the daemon cannot see other sessions'' transactions';
END;
$$;

