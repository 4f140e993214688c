-- The four 16-bit bands of each SimHash, so a near-duplicate lookup reads the documents that share
-- a band (any within 3 bits shares at least one) instead of every fingerprint of the workspace.
-- Rows of earlier versions have none; the first lookup in their workspace reads and fills them.
ALTER TABLE ingest_fingerprints ADD COLUMN band0 INTEGER;
ALTER TABLE ingest_fingerprints ADD COLUMN band1 INTEGER;
ALTER TABLE ingest_fingerprints ADD COLUMN band2 INTEGER;
ALTER TABLE ingest_fingerprints ADD COLUMN band3 INTEGER;
CREATE INDEX ingest_fingerprints_band0 ON ingest_fingerprints (workspace_id, band0);
CREATE INDEX ingest_fingerprints_band1 ON ingest_fingerprints (workspace_id, band1);
CREATE INDEX ingest_fingerprints_band2 ON ingest_fingerprints (workspace_id, band2);
CREATE INDEX ingest_fingerprints_band3 ON ingest_fingerprints (workspace_id, band3);
