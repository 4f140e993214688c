CREATE TABLE identity_users (
    id                 UUID PRIMARY KEY,
    email              VARCHAR(254) NOT NULL UNIQUE,
    display_name       VARCHAR(200) NOT NULL,
    password_hash      VARCHAR(255) NOT NULL,
    mfa_enabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    mfa_secret         TEXT,
    mfa_pending_secret TEXT,
    mfa_last_step      BIGINT       NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0
);

-- Keyed by a hash of the normalised e-mail, whether or not an account exists: the throttle
-- behaves identically for unknown addresses, so it cannot be used to enumerate users.
CREATE TABLE identity_login_throttle (
    email_key       VARCHAR(64) PRIMARY KEY,
    failures        INTEGER NOT NULL,
    first_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE identity_signing_keys (
    kid             VARCHAR(64) PRIMARY KEY,
    public_jwk      TEXT NOT NULL,
    private_jwk_enc TEXT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at      TIMESTAMP WITH TIME ZONE,
    verify_until    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE identity_sessions (
    id            UUID PRIMARY KEY,
    user_id       UUID NOT NULL,
    user_agent    VARCHAR(512),
    ip            VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    revoke_reason VARCHAR(64)
);
CREATE INDEX identity_sessions_user ON identity_sessions (user_id, created_at);

CREATE TABLE identity_refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    session_id UUID NOT NULL,
    state      VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX identity_refresh_tokens_session ON identity_refresh_tokens (session_id);

CREATE TABLE identity_recovery_codes (
    user_id   UUID NOT NULL,
    code_hash VARCHAR(64) NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE identity_api_keys (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(32) NOT NULL UNIQUE,
    secret_hash  VARCHAR(64) NOT NULL,
    scope        VARCHAR(16) NOT NULL,
    created_by   UUID NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX identity_api_keys_workspace ON identity_api_keys (workspace_id, created_at);

CREATE TABLE identity_audit_events (
    id            UUID PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    type          VARCHAR(64) NOT NULL,
    actor_user_id UUID,
    subject_user_id UUID,
    workspace_id  UUID,
    ip            VARCHAR(64),
    details       VARCHAR(2000)
);
CREATE INDEX identity_audit_events_workspace ON identity_audit_events (workspace_id, occurred_at, id);
CREATE INDEX identity_audit_events_actor ON identity_audit_events (actor_user_id, occurred_at, id);
CREATE INDEX identity_audit_events_subject ON identity_audit_events (subject_user_id, occurred_at, id);
