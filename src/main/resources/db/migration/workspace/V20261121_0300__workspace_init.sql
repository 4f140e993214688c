CREATE TABLE workspace_workspaces (
    id           UUID PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    personal_for UUID UNIQUE,
    created_by   UUID NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT NOT NULL DEFAULT 0
);

-- e-mail and display name are copied from identity (no cross-module joins)
CREATE TABLE workspace_members (
    workspace_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    email        VARCHAR(254) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_members_user ON workspace_members (user_id);

CREATE TABLE workspace_invitations (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    email        VARCHAR(254) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    invited_by   UUID NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP WITH TIME ZONE,
    accepted_by  UUID,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX workspace_invitations_ws ON workspace_invitations (workspace_id, created_at);
