-- Per-workspace prompt templates; the highest version is the active one.
CREATE TABLE assistant_prompt_templates (
    workspace_id UUID    NOT NULL,
    version      INTEGER NOT NULL,
    system_text  TEXT    NOT NULL,
    user_text    TEXT    NOT NULL,
    created_by   UUID    NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, version)
);
