-- The project's own tables beside Marten's. Every file here runs at every start, after Marten and
-- Wolverine have created and migrated their objects, as the owner and in one transaction, so each
-- statement is idempotent. __schema__ is the configured schema.

-- API keys are stored as SHA-256 hashes of high-entropy random secrets, never in plain text.
CREATE TABLE IF NOT EXISTS __schema__.api_keys (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    role       text        NOT NULL CHECK (role IN ('reader', 'analyst', 'editor')),
    key_hash   bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- A replayed POST returns the first response. The key row is written in the same transaction as
-- the events, so a key is stored if and only if its events are (Http/Idempotency.cs).
CREATE TABLE IF NOT EXISTS __schema__.idempotency_keys (
    key         text        PRIMARY KEY,
    fingerprint bytea       NOT NULL,
    status      int,
    body        text,
    location    text,
    etag        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
