-- Per-workspace schedules: a cron expression in a time zone fires a job of kind `kind` with
-- `parameters` (a JSON object) as payload. next_run_at is claimed with compare-and-set, so each
-- occurrence fires once across replicas.
CREATE TABLE jobs_schedules (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    kind         VARCHAR(100) NOT NULL,
    cron         VARCHAR(200) NOT NULL,
    time_zone    VARCHAR(64) NOT NULL,
    parameters   TEXT NOT NULL,
    enabled      BOOLEAN NOT NULL,
    next_run_at  TIMESTAMP WITH TIME ZONE,
    last_run_at  TIMESTAMP WITH TIME ZONE,
    created_by   UUID NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jobs_schedules_ws ON jobs_schedules (workspace_id, created_at, id);
CREATE INDEX jobs_schedules_due ON jobs_schedules (enabled, next_run_at);
