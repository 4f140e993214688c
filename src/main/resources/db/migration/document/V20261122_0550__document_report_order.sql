-- When the last applied ingestion report was produced: older reports (late or redelivered) change nothing.
ALTER TABLE document_documents ADD COLUMN last_report_at TIMESTAMP WITH TIME ZONE;
