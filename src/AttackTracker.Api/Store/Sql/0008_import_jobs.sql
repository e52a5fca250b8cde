-- Import jobs (docs/export.md): a data set's file, spooled as it was uploaded, then imported in
-- batches by whichever service node claims the job. Each batch commits its rows with the job's
-- counts, its rejections and the lines it covered (import_job_batches), so a job whose node
-- stopped is taken up again skipping exactly the lines committed, and its counts stay exact.
CREATE TABLE IF NOT EXISTS __schema__.import_jobs (
    id            uuid        PRIMARY KEY,
    format        text        NOT NULL,
    source        text        NOT NULL,
    release       text        NOT NULL,
    mode          text        NOT NULL,
    charset       text        NOT NULL,
    submitted_by  text        NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    bytes         bigint      NOT NULL DEFAULT 0,
    rows_total    bigint,
    state         text        NOT NULL,
    rows_read     bigint      NOT NULL DEFAULT 0,
    imported      bigint      NOT NULL DEFAULT 0,
    unchanged     bigint      NOT NULL DEFAULT 0,
    rejected      bigint      NOT NULL DEFAULT 0,
    runs          int         NOT NULL DEFAULT 0,
    started_at    timestamptz,
    run_started_at timestamptz,
    run_rows_read bigint      NOT NULL DEFAULT 0,
    heartbeat_at  timestamptz,
    finished_at   timestamptz,
    error         text
);
CREATE INDEX IF NOT EXISTS import_jobs_runnable ON __schema__.import_jobs (submitted_at) WHERE state IN ('queued', 'running');

CREATE TABLE IF NOT EXISTS __schema__.import_job_chunks (
    job_id uuid  NOT NULL REFERENCES __schema__.import_jobs (id) ON DELETE CASCADE,
    seq    int   NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE IF NOT EXISTS __schema__.import_job_batches (
    job_id     uuid NOT NULL REFERENCES __schema__.import_jobs (id) ON DELETE CASCADE,
    first_line int  NOT NULL,
    last_line  int  NOT NULL,
    PRIMARY KEY (job_id, first_line)
);

CREATE TABLE IF NOT EXISTS __schema__.import_job_rejections (
    job_id      uuid   NOT NULL REFERENCES __schema__.import_jobs (id) ON DELETE CASCADE,
    ordinal     bigint GENERATED ALWAYS AS IDENTITY,
    line        int    NOT NULL,
    column_name text   NOT NULL,
    message     text   NOT NULL,
    PRIMARY KEY (job_id, ordinal)
);
CREATE INDEX IF NOT EXISTS import_job_rejections_line ON __schema__.import_job_rejections (job_id, line);
