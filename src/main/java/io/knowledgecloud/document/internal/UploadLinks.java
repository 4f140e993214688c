package io.knowledgecloud.document.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Issued signed upload links, table {@code document_upload_links}: each may be used once. */
@Repository
class UploadLinks {

	private final JdbcClient jdbc;

	UploadLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void issued(SignedLinks.Upload link) {
		jdbc.sql("INSERT INTO document_upload_links (id, workspace_id, created_by, expires_at) VALUES (?, ?, ?, ?)")
			.params(link.id(), link.workspaceId(), link.uploader(), Timestamp.from(link.expiresAt()))
			.update();
	}

	/**
	 * Marks the link used; false when it was used before (or never issued). Runs in the upload's
	 * transaction: a failed upload rolls the mark back, and of two concurrent uses the row lock lets
	 * exactly one through.
	 */
	boolean use(UUID id, Instant now) {
		return jdbc.sql("UPDATE document_upload_links SET used_at = ? WHERE id = ? AND used_at IS NULL")
			.params(Timestamp.from(now), id)
			.update() == 1;
	}

	void uploaded(UUID id, UUID documentId) {
		jdbc.sql("UPDATE document_upload_links SET document_id = ? WHERE id = ?").params(documentId, id).update();
	}

	/** Forgets links that expired before {@code cutoff}; returns how many. */
	int forgetExpired(Instant cutoff) {
		return jdbc.sql("DELETE FROM document_upload_links WHERE expires_at < ?").param(Timestamp.from(cutoff)).update();
	}
}
