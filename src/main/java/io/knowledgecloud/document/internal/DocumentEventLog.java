package io.knowledgecloud.document.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.document.DocumentStatus;

/** Document status changes, table {@code document_events}: written with the change, read by the SSE stream. */
@Repository
class DocumentEventLog {

	/** What happened to a document. */
	enum Type {
		UPLOADED, PROCESSING, INDEXED, FAILED, DELETED;

		String json() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** One status change as streamed to clients. */
	record Entry(long id, UUID workspaceId, UUID documentId, String type, DocumentStatus status,
			@Nullable String stage, int version, @Nullable String failureCode, Instant at) {
	}

	private final JdbcClient jdbc;

	DocumentEventLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(UUID workspaceId, UUID documentId, Type type, DocumentStatus status, @Nullable String stage,
			int version, @Nullable String failureCode, Instant now) {
		jdbc.sql("""
				INSERT INTO document_events (workspace_id, document_id, type, status, stage, version, failure_code, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(workspaceId, documentId, type.json(), status.name(), stage, version, failureCode,
					Timestamp.from(now))
			.update();
	}

	long lastId() {
		return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM document_events").query(Long.class).single();
	}

	/** Events of every workspace after {@code id}, oldest first. */
	List<Entry> after(long id, int limit) {
		return jdbc.sql("SELECT * FROM document_events WHERE seq > ? ORDER BY seq LIMIT ?")
			.params(id, limit)
			.query(DocumentEventLog::map)
			.list();
	}

	/** One workspace's events after {@code id}, for a client that reconnects with Last-Event-ID. */
	List<Entry> after(UUID workspaceId, long id, int limit) {
		return jdbc.sql("SELECT * FROM document_events WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?")
			.params(workspaceId, id, limit)
			.query(DocumentEventLog::map)
			.list();
	}

	int deleteBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM document_events WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static Entry map(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getLong("seq"), rs.getObject("workspace_id", UUID.class),
				rs.getObject("document_id", UUID.class), rs.getString("type"),
				DocumentStatus.valueOf(rs.getString("status")), rs.getString("stage"), rs.getInt("version"),
				rs.getString("failure_code"), rs.getTimestamp("created_at").toInstant());
	}
}
