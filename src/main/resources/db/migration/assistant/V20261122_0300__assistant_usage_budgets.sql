-- Token and cost ledger per workspace, user, model and day.
CREATE TABLE assistant_usage (
    workspace_id  UUID           NOT NULL,
    user_id       UUID           NOT NULL,
    model         VARCHAR(200)   NOT NULL,
    usage_day     DATE           NOT NULL,
    requests      BIGINT         NOT NULL,
    input_tokens  BIGINT         NOT NULL,
    output_tokens BIGINT         NOT NULL,
    cost          NUMERIC(20, 8) NOT NULL,
    PRIMARY KEY (workspace_id, usage_day, model, user_id)
);

-- Per-workspace assistant limits (absent row = no budget, no extra rate limit).
CREATE TABLE assistant_workspace_settings (
    workspace_id        UUID PRIMARY KEY,
    monthly_budget      NUMERIC(20, 8),
    over_budget         VARCHAR(16) NOT NULL,
    requests_per_minute INTEGER,
    updated_by          UUID        NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
