-- The folded state of each incident every 100 versions (IncidentRows.SnapshotInterval), so a
-- view at a version or a recorded time folds at most 99 events after the nearest snapshot.
-- recorded_at is the snapshot version's event time: recorded_at grows with the version within
-- a stream, so "the last snapshot recorded by T" is also "the last one at or below T's version".
CREATE TABLE __schema__.incident_snapshots (
    incident_id uuid        NOT NULL,
    version     bigint      NOT NULL,
    recorded_at timestamptz NOT NULL,
    state       json        NOT NULL,
    PRIMARY KEY (incident_id, version)
);
