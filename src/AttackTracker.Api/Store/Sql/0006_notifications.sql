-- Change notifications (docs/notifications.md). A commit's notifications are written in the
-- commit's own transaction, beside its events; they are derived from them and never change.
CREATE TABLE IF NOT EXISTS __schema__.notifications (
    incident_id uuid        NOT NULL,
    version     bigint      NOT NULL,
    ordinal     int         NOT NULL,
    kind        text        NOT NULL,
    country     text,
    recorded_at timestamptz NOT NULL,
    body        text        NOT NULL,
    PRIMARY KEY (incident_id, version, ordinal)
);

-- Webhook subscriptions. The signing secret must be readable to sign (HMAC), so it is stored as
-- is; a rotated secret keeps signing beside the new one until previous_secret_expires_at.
CREATE TABLE IF NOT EXISTS __schema__.webhook_subscriptions (
    id                         uuid        PRIMARY KEY,
    url                        text        NOT NULL,
    description                text,
    owner                      text        NOT NULL,
    incident_ids               uuid[],
    countries                  text[],
    kinds                      text[],
    secret                     text        NOT NULL,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now()
);

-- Where each subscription stands with each incident: the last notification delivered (or
-- dead-lettered), whether more may be waiting, and the backoff of the one being retried. One row
-- per pair keeps the pair's deliveries in version order.
CREATE TABLE IF NOT EXISTS __schema__.webhook_cursors (
    subscription_id   uuid        NOT NULL REFERENCES __schema__.webhook_subscriptions (id) ON DELETE CASCADE,
    incident_id       uuid        NOT NULL,
    delivered_version bigint      NOT NULL DEFAULT 0,
    delivered_ordinal int         NOT NULL DEFAULT -1,
    pending           boolean     NOT NULL DEFAULT true,
    wake              bigint      NOT NULL DEFAULT 0,
    attempts          int         NOT NULL DEFAULT 0,
    due_at            timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    last_attempt_at   timestamptz,
    PRIMARY KEY (subscription_id, incident_id)
);
CREATE INDEX IF NOT EXISTS webhook_cursors_due ON __schema__.webhook_cursors (due_at) WHERE pending;

-- Deliveries that ran out of attempts or met a permanent refusal. An editor replays them.
CREATE TABLE IF NOT EXISTS __schema__.webhook_dead_letters (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES __schema__.webhook_subscriptions (id) ON DELETE CASCADE,
    incident_id     uuid        NOT NULL,
    version         bigint      NOT NULL,
    ordinal         int         NOT NULL,
    attempts        int         NOT NULL,
    last_error      text        NOT NULL,
    dead_at         timestamptz NOT NULL DEFAULT now(),
    replay_due_at   timestamptz,
    replay_attempts int         NOT NULL DEFAULT 0,
    delivered_at    timestamptz,
    UNIQUE (subscription_id, incident_id, version, ordinal)
);
CREATE INDEX IF NOT EXISTS webhook_dead_letters_replay ON __schema__.webhook_dead_letters (replay_due_at) WHERE replay_due_at IS NOT NULL;
