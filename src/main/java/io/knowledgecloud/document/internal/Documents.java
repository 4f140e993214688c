package io.knowledgecloud.document.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.platform.PageRequest;

/** Documents, their versions, tags and ACL: tables {@code document_*}. */
@Repository
class Documents {

	private final JdbcClient jdbc;

	Documents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Document d) {
		jdbc.sql("""
				INSERT INTO document_documents (id, workspace_id, title, file_name, media_type, size_bytes, sha256, collection,
				  restricted, status, chunk_count, current_version, created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")
			.params(d.id().value(), d.workspaceId(), d.title(), d.fileName(), d.mediaType(), d.sizeBytes(), d.sha256(),
					d.collection(), d.restricted(), d.status().name(), d.currentVersion(), d.createdBy(),
					Timestamp.from(d.createdAt()), Timestamp.from(d.updatedAt()))
			.update();
		replaceTags(d.id(), d.tags());
		replaceAcl(d.id(), d.allowedUsers());
	}

	void insertVersion(DocumentVersion v) {
		jdbc.sql("""
				INSERT INTO document_versions (document_id, version, blob_key, sha256, size_bytes, media_type, file_name, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(v.documentId(), v.version(), v.blobKey(), v.sha256(), v.sizeBytes(), v.mediaType(), v.fileName(),
					v.createdBy(), Timestamp.from(v.createdAt()))
			.update();
	}

	Optional<Document> find(UUID workspaceId, DocumentId id) {
		return jdbc.sql("SELECT * FROM document_documents WHERE workspace_id = ? AND id = ? AND deleted_at IS NULL")
			.params(workspaceId, id.value())
			.query(Documents::map)
			.optional()
			.map(d -> withDetails(List.of(d)).getFirst());
	}

	/** The document also when it is deleted (not yet purged): the event stream shows its deletion. */
	Optional<Document> findIncludingDeleted(UUID workspaceId, DocumentId id) {
		return jdbc.sql("SELECT * FROM document_documents WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id.value())
			.query(Documents::map)
			.optional()
			.map(d -> withDetails(List.of(d)).getFirst());
	}

	List<Document> live(UUID workspaceId, @Nullable UUID afterId, int limit) {
		return withDetails(jdbc.sql("SELECT * FROM document_documents WHERE workspace_id = :ws AND deleted_at IS NULL "
				+ (afterId == null ? "" : "AND id > :after ") + "ORDER BY id LIMIT :limit")
			.param("ws", workspaceId)
			.param("after", afterId)
			.param("limit", limit)
			.query(Documents::map)
			.list());
	}

	/** Live documents the whole workspace may see (no ACL), created since {@code since}, newest first. */
	List<io.knowledgecloud.document.RecentDocument> addedSince(UUID workspaceId, java.time.Instant since, int limit) {
		return jdbc.sql("SELECT id, title, media_type, created_at FROM document_documents WHERE workspace_id = ? "
				+ "AND deleted_at IS NULL AND restricted = FALSE AND created_at >= ? ORDER BY created_at DESC, id LIMIT ?")
			.params(workspaceId, java.sql.Timestamp.from(since), limit)
			.query((rs, n) -> new io.knowledgecloud.document.RecentDocument(
					new io.knowledgecloud.document.DocumentId(rs.getObject("id", UUID.class)), rs.getString("title"),
					rs.getString("media_type"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	List<Document> live(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return withDetails(jdbc.sql("SELECT * FROM document_documents WHERE id IN (:ids) AND deleted_at IS NULL")
			.param("ids", ids)
			.query(Documents::map)
			.list());
	}

	Optional<Document> findBySha(UUID workspaceId, String sha256) {
		return jdbc.sql("SELECT * FROM document_documents WHERE workspace_id = ? AND sha256 = ? AND deleted_at IS NULL "
				+ "ORDER BY created_at LIMIT 1").params(workspaceId, sha256).query(Documents::map).optional()
			.map(d -> withDetails(List.of(d)).getFirst());
	}

	List<DocumentVersion> versions(DocumentId id) {
		return jdbc.sql("SELECT * FROM document_versions WHERE document_id = ? ORDER BY version DESC")
			.param(id.value())
			.query(Documents::mapVersion)
			.list();
	}

	Optional<DocumentVersion> version(DocumentId id, int version) {
		return jdbc.sql("SELECT * FROM document_versions WHERE document_id = ? AND version = ?")
			.params(id.value(), version)
			.query(Documents::mapVersion)
			.optional();
	}

	/** Counts and bytes of live documents in the workspace, for quotas. */
	long[] usage(UUID workspaceId) {
		return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM document_documents "
				+ "WHERE workspace_id = ? AND deleted_at IS NULL").param(workspaceId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	List<Document> page(UUID workspaceId, UUID viewer, boolean admin, DocumentQuery filter, PageRequest page) {
		StringBuilder sql = new StringBuilder("SELECT d.* FROM document_documents d WHERE d.workspace_id = :ws "
				+ "AND d.deleted_at IS NULL");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("ws", workspaceId);
		if (!admin) {
			sql.append(" AND (d.restricted = FALSE OR d.created_by = :viewer OR EXISTS (SELECT 1 FROM document_acl a "
					+ "WHERE a.document_id = d.id AND a.user_id = :viewer))");
			params.put("viewer", viewer);
		}
		if (filter.status() != null) {
			sql.append(" AND d.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.tag() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = :tag)");
			params.put("tag", filter.tag());
		}
		if (filter.collection() != null) {
			sql.append(" AND d.collection = :collection");
			params.put("collection", filter.collection());
		}
		if (filter.mediaType() != null) {
			sql.append(" AND d.media_type = :mediaType");
			params.put("mediaType", filter.mediaType());
		}
		if (filter.createdFrom() != null) {
			sql.append(" AND d.created_at >= :from");
			params.put("from", Timestamp.from(filter.createdFrom()));
		}
		if (filter.createdTo() != null) {
			sql.append(" AND d.created_at < :to");
			params.put("to", Timestamp.from(filter.createdTo()));
		}
		if (filter.titleContains() != null) {
			sql.append(" AND LOWER(d.title) LIKE :title ESCAPE '\\'");
			params.put("title", "%" + filter.titleContains().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%");
		}
		DocumentQuery.Sort sort = filter.sort();
		String cmp = sort.descending ? "<" : ">";
		if (!page.first()) {
			sql.append(" AND (d.").append(sort.column).append(' ').append(cmp).append(" :after OR (d.")
				.append(sort.column).append(" = :after AND d.id ").append(cmp).append(" :afterId))");
			params.put("after", sort.column.equals("created_at") ? Timestamp.from(Instant.parse(page.after(0)))
					: page.after(0));
			params.put("afterId", UUID.fromString(page.after(1)));
		}
		String dir = sort.descending ? " DESC" : " ASC";
		sql.append(" ORDER BY d.").append(sort.column).append(dir).append(", d.id").append(dir).append(" LIMIT :limit");
		params.put("limit", page.limit() + 1);
		return withDetails(jdbc.sql(sql.toString()).params(params).query(Documents::map).list());
	}

	void updateMetadata(DocumentId id, String title, List<String> tags, @Nullable String collection,
			boolean restricted, Set<UUID> allowedUsers, Instant now) {
		jdbc.sql("UPDATE document_documents SET title = ?, collection = ?, restricted = ?, updated_at = ?, "
				+ "row_version = row_version + 1 WHERE id = ?")
			.params(title, collection, restricted, Timestamp.from(now), id.value())
			.update();
		replaceTags(id, tags);
		replaceAcl(id, allowedUsers);
	}

	/** Sets the title unless someone set one meanwhile: only while it is still the file name. */
	boolean retitleFromFileName(DocumentId id, String title, Instant now) {
		return jdbc.sql("UPDATE document_documents SET title = ?, updated_at = ?, row_version = row_version + 1 "
				+ "WHERE id = ? AND title = file_name AND deleted_at IS NULL")
			.params(title, Timestamp.from(now), id.value())
			.update() == 1;
	}

	void newVersion(DocumentVersion v, String title, Instant now) {
		insertVersion(v);
		jdbc.sql("""
				UPDATE document_documents SET current_version = ?, file_name = ?, media_type = ?, size_bytes = ?, sha256 = ?,
				  title = ?, status = 'PENDING', stage = NULL, failure_code = NULL, failure_message = NULL,
				  last_report_at = NULL, updated_at = ?,
				  row_version = row_version + 1 WHERE id = ?""")
			.params(v.version(), v.fileName(), v.mediaType(), v.sizeBytes(), v.sha256(), title, Timestamp.from(now),
					v.documentId())
			.update();
	}

	void markDeleted(DocumentId id, Instant now) {
		jdbc.sql("UPDATE document_documents SET status = 'DELETED', deleted_at = ?, updated_at = ?, "
				+ "row_version = row_version + 1 WHERE id = ? AND deleted_at IS NULL")
			.params(Timestamp.from(now), Timestamp.from(now), id.value())
			.update();
	}

	/**
	 * Applies an ingestion report. Reports about versions that are no longer current, reports
	 * older than the last applied one, and reports arriving after a final state (listeners may run
	 * out of order) change nothing; only a reindex may take a FAILED version back to work.
	 */
	int report(DocumentId id, int version, DocumentStatus status, @Nullable String stage, @Nullable String failureCode,
			@Nullable String failureMessage, @Nullable Integer chunkCount, @Nullable String timings,
			@Nullable UUID nearDuplicateOf, Instant at, boolean reindex, Instant now) {
		return jdbc.sql("""
				UPDATE document_documents SET status = ?, stage = ?, failure_code = ?, failure_message = ?,
				  chunk_count = COALESCE(?, chunk_count), timings = COALESCE(?, timings),
				  near_duplicate_of = CASE WHEN ? = 'INDEXED' THEN ? ELSE near_duplicate_of END,
				  indexed_version = CASE WHEN ? = 'INDEXED' THEN current_version ELSE indexed_version END,
				  last_report_at = ?, updated_at = ?, row_version = row_version + 1
				WHERE id = ? AND current_version = ? AND deleted_at IS NULL
				  AND (status IN ('PENDING', 'PROCESSING') OR (? AND status = 'FAILED'))
				  AND (last_report_at IS NULL OR last_report_at <= ?)""")
			.params(status.name(), stage, failureCode, failureMessage, chunkCount, timings, status.name(),
					nearDuplicateOf, status.name(), Timestamp.from(at), Timestamp.from(now), id.value(), version,
					reindex, Timestamp.from(at))
			.update();
	}

	private void replaceTags(DocumentId id, List<String> tags) {
		jdbc.sql("DELETE FROM document_tags WHERE document_id = ?").param(id.value()).update();
		for (String tag : new HashSet<>(tags)) {
			jdbc.sql("INSERT INTO document_tags (document_id, tag) VALUES (?, ?)").params(id.value(), tag).update();
		}
	}

	private void replaceAcl(DocumentId id, Set<UUID> users) {
		jdbc.sql("DELETE FROM document_acl WHERE document_id = ?").param(id.value()).update();
		for (UUID user : users) {
			jdbc.sql("INSERT INTO document_acl (document_id, user_id) VALUES (?, ?)").params(id.value(), user).update();
		}
	}

	/** Adds tags and ACL to rows read without them: two queries for a whole page, not two per row. */
	private List<Document> withDetails(List<Document> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		List<UUID> ids = rows.stream().map(d -> d.id().value()).toList();
		Map<UUID, List<String>> tags = new HashMap<>();
		jdbc.sql("SELECT document_id, tag FROM document_tags WHERE document_id IN (:ids) ORDER BY tag")
			.param("ids", ids)
			.query((rs, n) -> tags.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		Map<UUID, Set<UUID>> acl = new HashMap<>();
		jdbc.sql("SELECT document_id, user_id FROM document_acl WHERE document_id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> acl.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>())
				.add(rs.getObject(2, UUID.class)))
			.list();
		return rows.stream().map(d -> {
			UUID id = d.id().value();
			return new Document(d.id(), d.workspaceId(), d.title(), d.fileName(), d.mediaType(), d.sizeBytes(),
					d.sha256(), List.copyOf(tags.getOrDefault(id, List.of())), d.collection(), d.restricted(),
					Set.copyOf(acl.getOrDefault(id, Set.of())), d.status(), d.stage(), d.failureCode(),
					d.failureMessage(), d.chunkCount(), d.currentVersion(), d.indexedVersion(), d.nearDuplicateOf(),
					d.timings(), d.createdBy(), d.createdAt(), d.updatedAt(), d.rowVersion());
		}).toList();
	}

	private static Document map(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		Integer indexed = (Integer) rs.getObject("indexed_version");
		return new Document(new DocumentId(id), rs.getObject("workspace_id", UUID.class), rs.getString("title"),
				rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				List.of(), rs.getString("collection"), rs.getBoolean("restricted"), Set.of(),
				DocumentStatus.valueOf(rs.getString("status")), rs.getString("stage"), rs.getString("failure_code"),
				rs.getString("failure_message"), rs.getInt("chunk_count"), rs.getInt("current_version"), indexed,
				rs.getObject("near_duplicate_of", UUID.class), rs.getString("timings"),
				rs.getObject("created_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("row_version"));
	}

	private static DocumentVersion mapVersion(ResultSet rs, int row) throws SQLException {
		return new DocumentVersion(rs.getObject("document_id", UUID.class), rs.getInt("version"),
				rs.getString("blob_key"), rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("media_type"),
				rs.getString("file_name"), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant());
	}
}
