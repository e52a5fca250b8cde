-- Append-only at the database: no role can change or remove a stored event or its link through
-- ordinary DML, whatever its grants. This rules out Marten's archive, tombstone, compact and
-- overwrite operations (docs/adr/0003); the product never needs them, because a correction is a
-- new event.
CREATE OR REPLACE FUNCTION __schema__.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON __schema__.mt_events
    FOR EACH ROW EXECUTE FUNCTION __schema__.refuse_change();
CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON __schema__.mt_events
    FOR EACH STATEMENT EXECUTE FUNCTION __schema__.refuse_change();
CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON __schema__.event_hashes
    FOR EACH ROW EXECUTE FUNCTION __schema__.refuse_change();
CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON __schema__.event_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION __schema__.refuse_change();
