-- Read models kept inline with the events (see docs/adr/0002). Views are stored as json,
-- not jsonb, so the API returns them byte for byte as the fold serialized them.

CREATE TABLE __schema__.incidents (
    id               uuid        PRIMARY KEY,
    version          bigint      NOT NULL,
    title            text,
    occurred_on      date,
    country          text,
    search_text      text        NOT NULL DEFAULT '',
    killed_best      int,
    wounded_best     int,
    report_count     int         NOT NULL DEFAULT 0,
    last_recorded_at timestamptz,
    state            json        NOT NULL,
    view             json        NOT NULL
);

CREATE INDEX incidents_occurred_idx ON __schema__.incidents (occurred_on DESC, id DESC);
CREATE INDEX incidents_country_idx ON __schema__.incidents (country, occurred_on DESC);

CREATE TABLE __schema__.reports (
    id           uuid        PRIMARY KEY,
    incident_id  uuid        NOT NULL,
    source_id    uuid        NOT NULL,
    published_at timestamptz NOT NULL,
    version      bigint      NOT NULL
);

CREATE INDEX reports_incident_idx ON __schema__.reports (incident_id, published_at);
CREATE INDEX reports_source_idx ON __schema__.reports (source_id);

CREATE TABLE __schema__.sources (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL,
    normalized_name text        NOT NULL UNIQUE,
    kind            text        NOT NULL,
    reliability     text        NOT NULL,
    url             text,
    registered_at   timestamptz NOT NULL,
    version         bigint      NOT NULL
);

-- A replayed POST returns the first response. The key row is written in the same
-- transaction as the events, so a key is stored if and only if its events are.
CREATE TABLE __schema__.idempotency_keys (
    key         text        PRIMARY KEY,
    fingerprint bytea       NOT NULL,
    status      int,
    body        text,
    location    text,
    etag        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
