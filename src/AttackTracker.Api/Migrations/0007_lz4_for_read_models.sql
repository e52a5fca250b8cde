-- The stored state and view of an incident are rewritten by every append (tens of KB of json):
-- lz4 compresses them several times faster than the default pglz, at a similar size.
ALTER TABLE __schema__.incidents ALTER COLUMN state SET COMPRESSION lz4, ALTER COLUMN view SET COMPRESSION lz4;
ALTER TABLE __schema__.incident_snapshots ALTER COLUMN state SET COMPRESSION lz4;
