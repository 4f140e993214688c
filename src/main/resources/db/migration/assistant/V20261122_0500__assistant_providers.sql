-- A workspace's own chat provider (absent row = the server's kc.assistant.* provider).
CREATE TABLE assistant_providers (
    workspace_id UUID PRIMARY KEY,
    provider     VARCHAR(32)  NOT NULL,
    model        VARCHAR(200) NOT NULL,
    base_url     VARCHAR(2000),
    api_key_enc  TEXT,
    updated_by   UUID         NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
