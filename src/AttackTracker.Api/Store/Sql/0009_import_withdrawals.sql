-- A full export of a versioned data set (ACLED) imported with withdrawMissing withdraws the rows
-- it lacks once its rows are in (docs/datasets.md): the job keeps the request and how many rows
-- it withdrew. Additive: jobs queued before this file have withdraw_missing false.
ALTER TABLE __schema__.import_jobs ADD COLUMN IF NOT EXISTS withdraw_missing boolean NOT NULL DEFAULT false;
ALTER TABLE __schema__.import_jobs ADD COLUMN IF NOT EXISTS withdrawn bigint NOT NULL DEFAULT 0;
