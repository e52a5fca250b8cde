-- The service appends only through append_events (SECURITY DEFINER, see the event store's
-- migration 0003): it keeps SELECT on events and streams, may archive a stream, and loses
-- INSERT on events and general UPDATE on streams.
REVOKE INSERT ON __schema__.events FROM attacktracker_service;
REVOKE UPDATE ON __schema__.streams FROM attacktracker_service;
GRANT UPDATE (archived, updated_at) ON __schema__.streams TO attacktracker_service;
GRANT EXECUTE ON FUNCTION __schema__.append_events(uuid, text, bigint, uuid[], text[], jsonb[], jsonb[]) TO attacktracker_service;
