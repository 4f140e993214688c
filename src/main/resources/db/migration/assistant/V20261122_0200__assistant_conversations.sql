-- Conversations with the assistant: private to the user who started them, inside one workspace.
CREATE TABLE assistant_conversations (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL,
    user_id      UUID         NOT NULL,
    title        VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX assistant_conversations_owner ON assistant_conversations (workspace_id, user_id, updated_at DESC, id DESC);

CREATE TABLE assistant_messages (
    id              UUID PRIMARY KEY,
    conversation_id UUID        NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    seq             INTEGER     NOT NULL,
    role            VARCHAR(16) NOT NULL,
    content         TEXT        NOT NULL,
    citations       TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (conversation_id, seq)
);
