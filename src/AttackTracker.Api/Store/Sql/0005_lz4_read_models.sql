-- The incident's folded state and its snapshots are JSON documents of tens of KB, rewritten on
-- every append and read on every write: lz4 compresses and decompresses them with less CPU than
-- PostgreSQL's default pglz. Only where the server has lz4 and the tables exist, and only once
-- (the ALTER locks the table).
DO $$
DECLARE
    document regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        RETURN;
    END IF;
    FOREACH document IN ARRAY ARRAY[to_regclass('__schema__.mt_doc_incidentstate'), to_regclass('__schema__.mt_doc_incidentsnapshot')]
    LOOP
        IF document IS NOT NULL AND EXISTS (SELECT 1 FROM pg_attribute
                   WHERE attrelid = document AND attname = 'data' AND attcompression IS DISTINCT FROM 'l') THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN data SET COMPRESSION lz4', document);
        END IF;
    END LOOP;
END;
$$;
