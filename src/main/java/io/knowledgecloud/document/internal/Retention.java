package io.knowledgecloud.document.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of retention: versions beyond {@code versions-kept}, deleted documents past
 * {@code deleted-retention}, and blobs that may have lost their last reference (table
 * {@code document_blob_orphans}).
 */
@Repository
class Retention {

	/** A document version's key and its blob. */
	record VersionRef(UUID documentId, int version, String blobKey) {
	}

	/** A deleted document. */
	record Deleted(UUID id, UUID workspaceId) {
	}

	private final JdbcClient jdbc;

	Retention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Versions older than the newest {@code kept} of their document (of every document, or just one). */
	List<VersionRef> versionsBeyond(int kept, @org.jspecify.annotations.Nullable UUID documentId, int limit) {
		return jdbc.sql("SELECT v.document_id, v.version, v.blob_key FROM document_versions v "
				+ "JOIN document_documents d ON d.id = v.document_id WHERE v.version <= d.current_version - :kept "
				+ (documentId == null ? "" : "AND d.id = :doc ") + "ORDER BY v.document_id, v.version LIMIT :limit")
			.param("kept", kept)
			.param("doc", documentId)
			.param("limit", limit)
			.query((rs, n) -> new VersionRef(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3)))
			.list();
	}

	void deleteVersion(VersionRef v) {
		jdbc.sql("DELETE FROM document_versions WHERE document_id = ? AND version = ?")
			.params(v.documentId(), v.version())
			.update();
	}

	List<Deleted> deletedBefore(Instant cutoff, int limit) {
		return jdbc.sql("SELECT id, workspace_id FROM document_documents WHERE deleted_at < ? ORDER BY deleted_at LIMIT ?")
			.params(Timestamp.from(cutoff), limit)
			.query((rs, n) -> new Deleted(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	List<String> blobKeys(UUID documentId) {
		return jdbc.sql("SELECT DISTINCT blob_key FROM document_versions WHERE document_id = ?")
			.param(documentId)
			.query(String.class)
			.list();
	}

	/** Removes the document's rows; 0 when another run purged it already. */
	int purgeDocument(UUID documentId) {
		jdbc.sql("DELETE FROM document_tags WHERE document_id = ?").param(documentId).update();
		jdbc.sql("DELETE FROM document_acl WHERE document_id = ?").param(documentId).update();
		jdbc.sql("DELETE FROM document_versions WHERE document_id = ?").param(documentId).update();
		return jdbc.sql("DELETE FROM document_documents WHERE id = ? AND deleted_at IS NOT NULL")
			.param(documentId)
			.update();
	}

	void orphanCandidates(Collection<String> blobKeys, Instant now) {
		for (String key : blobKeys) {
			jdbc.sql("INSERT INTO document_blob_orphans (blob_key, since) SELECT ?, ? "
					+ "WHERE NOT EXISTS (SELECT 1 FROM document_blob_orphans WHERE blob_key = ?)")
				.params(key, Timestamp.from(now), key)
				.update();
		}
	}

	List<String> orphanCandidatesBefore(Instant cutoff, int limit) {
		return jdbc.sql("SELECT blob_key FROM document_blob_orphans WHERE since <= ? ORDER BY since LIMIT ?")
			.params(Timestamp.from(cutoff), limit)
			.query(String.class)
			.list();
	}

	/** Whether any version of any document (or a pending import) still uses the blob. */
	boolean referenced(String blobKey) {
		return jdbc.sql("SELECT (SELECT COUNT(*) FROM document_versions WHERE blob_key = ?) + (SELECT COUNT(*) FROM "
				+ "document_imports WHERE blob_key = ? AND state IN ('QUEUED', 'RUNNING'))")
			.params(blobKey, blobKey)
			.query(Long.class)
			.single() > 0;
	}

	void forgetCandidate(String blobKey) {
		jdbc.sql("DELETE FROM document_blob_orphans WHERE blob_key = ?").param(blobKey).update();
	}
}
