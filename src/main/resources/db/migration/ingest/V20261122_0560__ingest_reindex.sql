-- Reindex runs: jobs carry their run; the dedupe key replaces the (document, version) key, so that a
-- reindex can queue a version again (upload jobs keep "<document>:<version>", reindex jobs "<run>:<document>").
ALTER TABLE ingest_jobs ADD COLUMN run_id UUID;
ALTER TABLE ingest_jobs ADD COLUMN dedupe_key VARCHAR(100);
UPDATE ingest_jobs SET dedupe_key = CAST(document_id AS VARCHAR(36)) || ':' || CAST(version AS VARCHAR(12));
ALTER TABLE ingest_jobs ALTER COLUMN dedupe_key SET NOT NULL;
ALTER TABLE ingest_jobs DROP CONSTRAINT ingest_jobs_document_version;
ALTER TABLE ingest_jobs ADD CONSTRAINT ingest_jobs_dedupe UNIQUE (dedupe_key);
CREATE INDEX ingest_jobs_run ON ingest_jobs (run_id, state);
CREATE INDEX ingest_jobs_document ON ingest_jobs (document_id);

-- scope: document, workspace (requested by a member) or model (the embedding model changed; no workspace)
CREATE TABLE ingest_reindex_runs (
    id           UUID PRIMARY KEY,
    workspace_id UUID,
    document_id  UUID,
    scope        VARCHAR(16) NOT NULL,
    generation   VARCHAR(200) NOT NULL,
    total        INTEGER NOT NULL,
    created_by   UUID,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ingest_reindex_runs_open ON ingest_reindex_runs (scope, finished_at);

-- Which index generation holds which document (and which version): after a model switch, the
-- documents missing from the new generation are the ones to re-embed. Rows of documents indexed
-- before this table existed get an empty generation, adopted as the current one at start-up.
CREATE TABLE ingest_indexed (
    document_id  UUID NOT NULL,
    generation   VARCHAR(200) NOT NULL,
    workspace_id UUID NOT NULL,
    version      INTEGER NOT NULL,
    indexed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, generation)
);
CREATE INDEX ingest_indexed_generation ON ingest_indexed (generation);
INSERT INTO ingest_indexed (document_id, generation, workspace_id, version, indexed_at)
SELECT document_id, '', workspace_id, MAX(version), MAX(updated_at) FROM ingest_jobs WHERE state = 'DONE'
GROUP BY document_id, workspace_id;
