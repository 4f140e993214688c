-- Agent runs, their step trace, write approvals, per-user memory and per-workspace policy.
CREATE TABLE agent_runs (
    id                UUID PRIMARY KEY,
    workspace_id      UUID         NOT NULL,
    owner_id          UUID         NOT NULL,
    goal              VARCHAR(4000) NOT NULL,
    tools             VARCHAR(1000) NOT NULL,
    max_steps         INT          NOT NULL,
    max_tokens        BIGINT       NOT NULL,
    max_cost          DOUBLE PRECISION NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    planner           VARCHAR(20)  NOT NULL,
    error_code        VARCHAR(60),
    error_message     VARCHAR(2000),
    result            TEXT,
    tokens_used       BIGINT       NOT NULL DEFAULT 0,
    cost_used         DOUBLE PRECISION NOT NULL DEFAULT 0,
    cancel_requested  BOOLEAN      NOT NULL DEFAULT FALSE,
    job_id            UUID,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_runs_owner ON agent_runs (workspace_id, owner_id, created_at, id);
CREATE INDEX agent_runs_status ON agent_runs (status, deadline_at);
CREATE INDEX agent_runs_job ON agent_runs (job_id);

CREATE TABLE agent_steps (
    run_id        UUID         NOT NULL,
    seq           INT          NOT NULL,
    agent         VARCHAR(20)  NOT NULL,
    kind          VARCHAR(30)  NOT NULL,
    thought       VARCHAR(4000),
    tool          VARCHAR(60),
    call_id       VARCHAR(100),
    arguments     TEXT,
    observation   TEXT,
    summary       VARCHAR(2000),
    data          TEXT,
    tokens        INT          NOT NULL DEFAULT 0,
    latency_ms    BIGINT       NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE agent_approvals (
    id                UUID PRIMARY KEY,
    run_id            UUID         NOT NULL,
    workspace_id      UUID         NOT NULL,
    step_seq          INT          NOT NULL,
    tool              VARCHAR(60)  NOT NULL,
    document_id       UUID         NOT NULL,
    base_version      INT          NOT NULL,
    summary           VARCHAR(2000) NOT NULL,
    preview           TEXT         NOT NULL,
    proposal          TEXT         NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by        UUID,
    decided_at        TIMESTAMP WITH TIME ZONE,
    reason            VARCHAR(2000),
    applied_version   INT,
    rolled_back_version INT,
    UNIQUE (run_id, step_seq)
);
CREATE INDEX agent_approvals_ws ON agent_approvals (workspace_id, status, requested_at, id);
CREATE INDEX agent_approvals_expiry ON agent_approvals (status, expires_at);

CREATE TABLE agent_memories (
    id            UUID PRIMARY KEY,
    workspace_id  UUID          NOT NULL,
    user_id       UUID          NOT NULL,
    run_id        UUID          NOT NULL,
    fact          VARCHAR(2000) NOT NULL,
    model_id      VARCHAR(200)  NOT NULL,
    vector        BYTEA NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_memories_user ON agent_memories (workspace_id, user_id, created_at, id);

CREATE TABLE agent_workspace_policies (
    workspace_id   UUID PRIMARY KEY,
    allowed_tools  VARCHAR(1000),
    approval_role  VARCHAR(20)   NOT NULL,
    http_allow_list VARCHAR(4000) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
