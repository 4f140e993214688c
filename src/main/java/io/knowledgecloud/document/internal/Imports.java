package io.knowledgecloud.document.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bulk imports, table {@code document_imports}: claimed with a lease, progress committed per line. */
@Repository
class Imports {

	/** The first errors kept per import. */
	static final int MAX_ERRORS = 10;
	private static final String SEP = "\u001e";

	/** One import as stored. */
	record Import(UUID id, UUID workspaceId, UUID createdBy, String blobKey, String fileName, String state,
			long linesRead, long created, long duplicates, long failed, List<LineError> errors,
			@Nullable String message, Instant createdAt, Instant updatedAt, @Nullable Instant finishedAt) {
	}

	/** Why one line was not imported. */
	record LineError(long line, String message) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Imports(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void insert(UUID id, UUID workspaceId, UUID createdBy, String blobKey, String fileName) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("INSERT INTO document_imports (id, workspace_id, created_by, blob_key, file_name, state, created_at, "
				+ "updated_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?)")
			.params(id, workspaceId, createdBy, blobKey, fileName, now, now)
			.update();
	}

	Optional<Import> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM document_imports WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(Imports::map)
			.optional();
	}

	/** Claims the oldest import that is queued or whose worker's lease ran out. */
	Optional<Import> claim(String worker, Duration lease) {
		Timestamp now = Timestamp.from(clock.instant());
		List<UUID> candidates = jdbc.sql("SELECT id FROM document_imports WHERE state = 'QUEUED' "
				+ "OR (state = 'RUNNING' AND locked_until < ?) ORDER BY created_at LIMIT 5")
			.param(now)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
		for (UUID id : candidates) {
			int claimed = jdbc.sql("UPDATE document_imports SET state = 'RUNNING', locked_by = ?, locked_until = ?, "
					+ "updated_at = ? WHERE id = ? AND (state = 'QUEUED' OR (state = 'RUNNING' AND locked_until < ?))")
				.params(worker, Timestamp.from(clock.instant().plus(lease)), now, id, now)
				.update();
			if (claimed == 1) {
				return jdbc.sql("SELECT * FROM document_imports WHERE id = ?").param(id).query(Imports::map).optional();
			}
		}
		return Optional.empty();
	}

	/**
	 * Records one processed line, in the transaction that created its document; false when the
	 * import is no longer this worker's (its lease was taken over), which rolls the line back.
	 */
	boolean line(UUID id, String worker, long line, int created, int duplicates, @Nullable LineError error,
			Duration lease) {
		Instant now = clock.instant();
		String errors = "";
		if (error != null) {
			errors = jdbc.sql("SELECT errors FROM document_imports WHERE id = ?").param(id).query(String.class).single();
			if (count(errors) < MAX_ERRORS) {
				String entry = error.line() + ":" + error.message().replace(SEP, " ");
				errors = errors.isEmpty() ? entry : errors + SEP + entry;
			}
		}
		return jdbc.sql("""
				UPDATE document_imports SET lines_read = ?, created = created + ?, duplicates = duplicates + ?,
				  failed = failed + ?, errors = CASE WHEN ? THEN ? ELSE errors END, locked_until = ?, updated_at = ?
				WHERE id = ? AND state = 'RUNNING' AND locked_by = ?""")
			.params(line, created, duplicates, error == null ? 0 : 1, error != null, truncate(errors, 8000),
					Timestamp.from(now.plus(lease)), Timestamp.from(now), id, worker)
			.update() == 1;
	}

	void finish(UUID id, String worker, String state, @Nullable String message) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("UPDATE document_imports SET state = ?, message = ?, locked_by = NULL, locked_until = NULL, "
				+ "updated_at = ?, finished_at = ? WHERE id = ? AND locked_by = ?")
			.params(state, message == null ? null : truncate(message, 1000), now, now, id, worker)
			.update();
	}

	/** Gives the import back to the queue (this replica shuts down); any replica resumes it at once. */
	void release(UUID id, String worker) {
		jdbc.sql("UPDATE document_imports SET state = 'QUEUED', locked_by = NULL, locked_until = NULL, updated_at = ? "
				+ "WHERE id = ? AND state = 'RUNNING' AND locked_by = ?")
			.params(Timestamp.from(clock.instant()), id, worker)
			.update();
	}

	private static int count(String errors) {
		return errors.isEmpty() ? 0 : errors.split(SEP, -1).length;
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	private static Import map(ResultSet rs, int row) throws SQLException {
		List<LineError> errors = new ArrayList<>();
		String stored = rs.getString("errors");
		if (!stored.isEmpty()) {
			for (String entry : stored.split(SEP)) {
				int colon = entry.indexOf(':');
				errors.add(new LineError(Long.parseLong(entry.substring(0, colon)), entry.substring(colon + 1)));
			}
		}
		Timestamp finished = rs.getTimestamp("finished_at");
		return new Import(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("created_by", UUID.class), rs.getString("blob_key"), rs.getString("file_name"),
				rs.getString("state"), rs.getLong("lines_read"), rs.getLong("created"), rs.getLong("duplicates"),
				rs.getLong("failed"), List.copyOf(errors), rs.getString("message"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				finished == null ? null : finished.toInstant());
	}
}
