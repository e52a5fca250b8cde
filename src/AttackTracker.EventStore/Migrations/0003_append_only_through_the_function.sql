-- Events enter only through append_events: it runs with its owner's rights (SECURITY DEFINER),
-- so a role may be given EXECUTE on it and no INSERT on events. Such a role cannot write an
-- event with a recorded time or a hash of its own choosing. search_path is pinned, as for every
-- definer function.
ALTER FUNCTION __schema__.append_events(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[])
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION __schema__.append_events(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[]) FROM PUBLIC;
