-- A workspace's queued and running jobs: counted for every enqueue (the fairness position), which
-- scanned the whole table and made a bulk import quadratic.
CREATE INDEX ingest_jobs_workspace_state ON ingest_jobs (workspace_id, state);
