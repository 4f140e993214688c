CREATE TABLE document_documents (
    id                UUID PRIMARY KEY,
    workspace_id      UUID NOT NULL,
    title             VARCHAR(500) NOT NULL,
    file_name         VARCHAR(500) NOT NULL,
    media_type        VARCHAR(200) NOT NULL,
    size_bytes        BIGINT NOT NULL,
    sha256            VARCHAR(64) NOT NULL,
    collection        VARCHAR(200),
    restricted        BOOLEAN NOT NULL DEFAULT FALSE,
    status            VARCHAR(16) NOT NULL,
    stage             VARCHAR(16),
    failure_code      VARCHAR(64),
    failure_message   VARCHAR(1000),
    chunk_count       INTEGER NOT NULL DEFAULT 0,
    current_version   INTEGER NOT NULL,
    indexed_version   INTEGER,
    near_duplicate_of UUID,
    timings           VARCHAR(2000),
    created_by        UUID NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    row_version       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX document_documents_ws ON document_documents (workspace_id, created_at, id);
CREATE INDEX document_documents_sha ON document_documents (workspace_id, sha256);

CREATE TABLE document_versions (
    document_id UUID NOT NULL,
    version     INTEGER NOT NULL,
    blob_key    VARCHAR(64) NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    size_bytes  BIGINT NOT NULL,
    media_type  VARCHAR(200) NOT NULL,
    file_name   VARCHAR(500) NOT NULL,
    created_by  UUID NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX document_versions_blob ON document_versions (blob_key);

CREATE TABLE document_tags (
    document_id UUID NOT NULL,
    tag         VARCHAR(100) NOT NULL,
    PRIMARY KEY (document_id, tag)
);
CREATE INDEX document_tags_tag ON document_tags (tag);

-- Members who may see a restricted document (restricted = TRUE); enforced by search and by reads
CREATE TABLE document_acl (
    document_id UUID NOT NULL,
    user_id     UUID NOT NULL,
    PRIMARY KEY (document_id, user_id)
);
