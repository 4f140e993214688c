-- Bulk imports of BEIR corpus.jsonl files: the file is a blob; lines_read is the last line whose
-- document (or failure) committed, so a restarted import resumes after it.
CREATE TABLE document_imports (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    created_by   UUID NOT NULL,
    blob_key     VARCHAR(64) NOT NULL,
    file_name    VARCHAR(500) NOT NULL,
    state        VARCHAR(16) NOT NULL,
    lines_read   BIGINT NOT NULL DEFAULT 0,
    created      BIGINT NOT NULL DEFAULT 0,
    duplicates   BIGINT NOT NULL DEFAULT 0,
    failed       BIGINT NOT NULL DEFAULT 0,
    errors       VARCHAR(8000) NOT NULL DEFAULT '',
    message      VARCHAR(1000),
    locked_by    VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX document_imports_ready ON document_imports (state, created_at);
CREATE INDEX document_imports_blob ON document_imports (blob_key);
