-- db-scheduler's table (its PostgreSQL schema, with VARCHAR keys so H2 can index them).
-- One-time jobs are rows of task 'kc-job' with instance '<job uuid>/<type>'; recurring system
-- tasks are rows of their own names. Rows are deleted when a one-time job completes.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(200) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(100),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time);

-- Jobs that failed their handler's last attempt; retried from the API (same id) or left for inspection.
CREATE TABLE jobs_dead_letters (
    id           UUID PRIMARY KEY,
    type         VARCHAR(100) NOT NULL,
    workspace_id UUID,
    payload      TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    last_error   VARCHAR(4000) NOT NULL,
    failed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jobs_dead_letters_ws ON jobs_dead_letters (workspace_id, failed_at DESC, id DESC);
