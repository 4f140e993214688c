-- One job per document version; the unique key makes the DocumentUploaded listener idempotent.
CREATE TABLE ingest_jobs (
    id              UUID PRIMARY KEY,
    workspace_id    UUID NOT NULL,
    document_id     UUID NOT NULL,
    version         INTEGER NOT NULL,
    blob_key        VARCHAR(64) NOT NULL,
    media_type      VARCHAR(200) NOT NULL,
    title           VARCHAR(500) NOT NULL,
    tags            VARCHAR(6000) NOT NULL,
    collection      VARCHAR(200),
    allowed_users   VARCHAR(40000) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    stage           VARCHAR(16),
    -- position within its workspace's queue: ordering by it interleaves workspaces (fairness)
    fair_seq        BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by       VARCHAR(100),
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ingest_jobs_document_version UNIQUE (document_id, version)
);
CREATE INDEX ingest_jobs_ready ON ingest_jobs (state, fair_seq, created_at);

-- Vectors by (model, chunk content hash): unchanged chunks are never embedded twice.
CREATE TABLE ingest_embedding_cache (
    model_id     VARCHAR(200) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    vector       BYTEA NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (model_id, content_hash)
);
