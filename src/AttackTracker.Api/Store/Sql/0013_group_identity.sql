-- Group identity (docs/identity.md, Groups): which group each name belongs to, on the recording
-- axis. One row per name (by its slug, Domain/Statistics/GroupNames.cs) and interval of the
-- recording axis in which a group held it, from the recorded time of the decision that gave it
-- (inclusive) to that of the one that took it away (exclusive; 'infinity' while it holds). Kept
-- by the group writes in their own transaction (Groups/GroupWrites.cs), rebuilt from the group
-- streams (Groups/GroupNamesRebuild.cs). A spelling no group holds has no row: it is its own group.
-- The statistics map their groups' slugs through it at read time (Statistics/StatsSql.cs).

CREATE TABLE IF NOT EXISTS __schema__.group_names (
    slug           text        NOT NULL,
    name           text        NOT NULL,
    group_id       uuid        NOT NULL,
    canonical_slug text        NOT NULL,
    canonical_name text        NOT NULL,
    recorded_from  timestamptz NOT NULL,
    recorded_to    timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (slug, recorded_from),
    CHECK (recorded_from < recorded_to)
);

-- A name belongs to at most one group at a time.
CREATE UNIQUE INDEX IF NOT EXISTS group_names_current ON __schema__.group_names (slug) WHERE recorded_to = 'infinity';
CREATE INDEX IF NOT EXISTS group_names_by_group ON __schema__.group_names (canonical_slug, recorded_from);
