-- The statistics on both time axes (docs/adr/0006-statistics-as-spans.md): for every incident,
-- what it adds to the totals over each interval of the publication axis ('p', from the dates its
-- reports, withdrawals and rulings take effect) and of the recording axis ('r', from each commit's
-- recorded time), one row per interval. An answer at a point is one aggregate over the rows valid
-- there; the current totals are the recording axis's open rows. Kept by the daemon's statistics
-- subscription (Statistics/StatisticsSubscription.cs), never by the write path.

CREATE TABLE IF NOT EXISTS __schema__.stats_spans (
    span_id        uuid        PRIMARY KEY,
    incident_id    uuid        NOT NULL,
    axis           "char"      NOT NULL CHECK (axis IN ('p', 'r')),
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz NOT NULL DEFAULT 'infinity',
    title          text,
    country        text,
    year           integer,
    occurred_on    date,
    historical     boolean     NOT NULL,
    killed_low     integer,
    killed_best    integer,
    killed_high    integer,
    killed_status  smallint,
    wounded_low    integer,
    wounded_best   integer,
    wounded_high   integer,
    wounded_status smallint,
    disputed       boolean     NOT NULL,
    single_source  boolean     NOT NULL,
    attack_types   smallint[]  NOT NULL,
    weapon_types   smallint[]  NOT NULL,
    last_sequence  bigint      NOT NULL,
    CHECK (valid_from < valid_to)
);

-- One row per incident, axis and start: how an incident's rows are found, replaced and closed.
CREATE UNIQUE INDEX IF NOT EXISTS stats_spans_incident ON __schema__.stats_spans (incident_id, axis, valid_from);
-- The current totals: the recording axis's open rows.
CREATE INDEX IF NOT EXISTS stats_spans_current ON __schema__.stats_spans (country, occurred_on) WHERE axis = 'r' AND valid_to = 'infinity';
-- A point on either axis: the rows whose interval contains it.
CREATE INDEX IF NOT EXISTS stats_spans_published ON __schema__.stats_spans USING gist (tstzrange(valid_from, valid_to)) WHERE axis = 'p';
CREATE INDEX IF NOT EXISTS stats_spans_recorded ON __schema__.stats_spans USING gist (tstzrange(valid_from, valid_to)) WHERE axis = 'r';

-- The groups an incident is tied to in one row of stats_spans: by a claim, by an attribution, or
-- both, with the claims as reports gave them (for a group's profile).
CREATE TABLE IF NOT EXISTS __schema__.stats_span_groups (
    span_id    uuid    NOT NULL,
    slug       text    NOT NULL,
    name       text    NOT NULL,
    claimed    boolean NOT NULL,
    attributed boolean NOT NULL,
    claims     jsonb,
    PRIMARY KEY (span_id, slug)
);

CREATE INDEX IF NOT EXISTS stats_span_groups_slug ON __schema__.stats_span_groups (slug, span_id);
