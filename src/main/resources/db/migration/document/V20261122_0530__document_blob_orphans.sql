-- Blobs that lost a reference (a purged version or document). The purge job deletes one when it is
-- still unreferenced a grace period later: an upload of the same content may be committing now.
CREATE TABLE document_blob_orphans (
    blob_key VARCHAR(64) PRIMARY KEY,
    since    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX document_documents_deleted ON document_documents (deleted_at);
