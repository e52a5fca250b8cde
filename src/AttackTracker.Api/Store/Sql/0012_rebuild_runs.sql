-- A rebuild while it runs (Admin/RebuildRuns.cs): one row per part, written when it starts and
-- removed when it is done, so a rebuild that a crash interrupted is seen at the next start and
-- taken up again where its last committed chunk ended, and /health reports it until it is done.
-- 'read_models': the incidents' states, listings and snapshots, the report index and the sources,
-- overwritten in place a chunk of incidents at a time (after_id: the last incident done).
-- 'incident_stats': the statistics' rows, refilled from sequence 0 by the daemon's subscription,
-- which removes the row once it has folded the target.

CREATE TABLE IF NOT EXISTS __schema__.rebuild_runs (
    name         text        PRIMARY KEY,
    projections  text[]      NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    target       bigint      NOT NULL,
    after_id     uuid,
    done         bigint      NOT NULL DEFAULT 0,
    total        bigint      NOT NULL DEFAULT 0,
    events_done  bigint      NOT NULL DEFAULT 0,
    events_total bigint      NOT NULL DEFAULT 0,
    -- Since when this process has been at it (the start, or its last resumption), and how many
    -- events were done then: the rate and the time left are this process's own.
    run_started_at timestamptz NOT NULL DEFAULT now(),
    run_events_from bigint     NOT NULL DEFAULT 0,
    resumed      integer     NOT NULL DEFAULT 0
);
