-- A workspace's live documents (WHERE workspace_id = ? AND deleted_at IS NULL: the quota count,
-- listings) through one index, instead of the live documents of every workspace.
CREATE INDEX document_documents_live ON document_documents (workspace_id, deleted_at);
