-- SimHash of each document's current text, for near-duplicate detection within a workspace.
CREATE TABLE ingest_fingerprints (
    document_id  UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    simhash      BIGINT NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ingest_fingerprints_ws ON ingest_fingerprints (workspace_id);
