package io.knowledgecloud.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.jobs.DeadLetter;
import io.knowledgecloud.platform.PageRequest;

/** Table {@code jobs_dead_letters}. */
@Repository
class DeadLetters {

	private final JdbcClient jdbc;

	DeadLetters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the failure; a job dead-lettered again (after a retry) replaces its old row. */
	void add(DeadLetter letter) {
		jdbc.sql("DELETE FROM jobs_dead_letters WHERE id = ?").param(letter.id()).update();
		jdbc.sql("""
				INSERT INTO jobs_dead_letters (id, type, workspace_id, payload, attempts, last_error, failed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(letter.id(), letter.type(), letter.workspaceId(), letter.payload(), letter.attempts(),
					letter.lastError(), Timestamp.from(letter.failedAt()))
			.update();
	}

	Optional<DeadLetter> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM jobs_dead_letters WHERE id = ? AND workspace_id = ?")
			.params(id, workspaceId)
			.query(DeadLetters::map)
			.optional();
	}

	boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM jobs_dead_letters WHERE id = ? AND workspace_id = ?")
			.params(id, workspaceId)
			.update() == 1;
	}

	/** Newest first; keyset on (failed_at, id). */
	List<DeadLetter> page(UUID workspaceId, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM jobs_dead_letters WHERE workspace_id = :ws"
				+ (page.first() ? "" : " AND (failed_at < :at OR (failed_at = :at AND id < :id))")
				+ " ORDER BY failed_at DESC, id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query(DeadLetters::map).list();
	}

	void deleteWorkspace(UUID workspaceId) {
		jdbc.sql("DELETE FROM jobs_dead_letters WHERE workspace_id = ?").param(workspaceId).update();
	}

	private static DeadLetter map(ResultSet rs, int row) throws SQLException {
		return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("type"),
				rs.getObject("workspace_id", UUID.class), rs.getString("payload"), rs.getInt("attempts"),
				rs.getString("last_error"), rs.getTimestamp("failed_at").toInstant());
	}
}
