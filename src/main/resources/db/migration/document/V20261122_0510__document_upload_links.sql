-- Signed upload URLs: one row per issued link; used_at makes each link single-use.
CREATE TABLE document_upload_links (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    created_by   UUID NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    document_id  UUID
);
CREATE INDEX document_upload_links_expiry ON document_upload_links (expires_at);
