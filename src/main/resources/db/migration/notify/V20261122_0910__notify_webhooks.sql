-- Outbound webhooks: per-workspace subscriptions, one delivery per (subscription, event), and a
-- log of every attempt. Deliveries are claimed with a lease (claimed_by/locked_until) so that
-- several replicas never send the same one at the same time.
CREATE TABLE notify_webhooks (
    id                   UUID PRIMARY KEY,
    workspace_id         UUID NOT NULL,
    url                  VARCHAR(2000) NOT NULL,
    events               VARCHAR(1000) NOT NULL,
    description          VARCHAR(200),
    secret               VARCHAR(500) NOT NULL,
    enabled              BOOLEAN NOT NULL,
    consecutive_failures INTEGER NOT NULL,
    disabled_reason      VARCHAR(200),
    created_by           UUID NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notify_webhooks_ws ON notify_webhooks (workspace_id, created_at);

CREATE TABLE notify_webhook_deliveries (
    id              UUID PRIMARY KEY,
    webhook_id      UUID NOT NULL,
    workspace_id    UUID NOT NULL,
    event_id        VARCHAR(100) NOT NULL,
    event_type      VARCHAR(64) NOT NULL,
    payload         TEXT NOT NULL,
    state           VARCHAR(16) NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by       VARCHAR(64),
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notify_webhook_deliveries_event UNIQUE (webhook_id, event_id)
);
CREATE INDEX notify_webhook_deliveries_due ON notify_webhook_deliveries (state, next_attempt_at);
CREATE INDEX notify_webhook_deliveries_hook ON notify_webhook_deliveries (webhook_id, created_at);

CREATE TABLE notify_webhook_attempts (
    id               UUID PRIMARY KEY,
    delivery_id      UUID NOT NULL,
    attempt          INTEGER NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    status           INTEGER,
    latency_ms       BIGINT NOT NULL,
    response_excerpt VARCHAR(1024),
    error            VARCHAR(500)
);
CREATE INDEX notify_webhook_attempts_delivery ON notify_webhook_attempts (delivery_id, started_at);
