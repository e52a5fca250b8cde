-- API keys are stored as SHA-256 hashes of high-entropy random secrets, never in plain text.
CREATE TABLE __schema__.api_keys (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    role       text        NOT NULL CHECK (role IN ('reader', 'analyst', 'editor')),
    key_hash   bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- The service's own role: it may append events and move stream versions, but never change or
-- remove a stored event (the immutability triggers stand behind this for every other role).
-- The role is shared by every schema in the cluster; each schema grants its own tables to it.
DO $$
BEGIN
    -- Checked first, so a login without CREATEROLE migrates when a DBA created the role.
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'attacktracker_service') THEN
        CREATE ROLE attacktracker_service NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;

GRANT USAGE ON SCHEMA __schema__ TO attacktracker_service;
GRANT SELECT ON __schema__.schema_migrations TO attacktracker_service;
GRANT SELECT, INSERT ON __schema__.events TO attacktracker_service;
GRANT SELECT, INSERT, UPDATE ON __schema__.streams TO attacktracker_service;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE
    ON __schema__.incidents, __schema__.incident_snapshots, __schema__.reports, __schema__.sources, __schema__.idempotency_keys
    TO attacktracker_service;
GRANT SELECT, INSERT, UPDATE ON __schema__.api_keys TO attacktracker_service;
