package io.knowledgecloud.ingest.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reindex runs, table {@code ingest_reindex_runs}; their jobs are rows of {@code ingest_jobs} with the run's id. */
@Repository
class ReindexRuns {

	/** Why a run exists. */
	enum Scope {
		DOCUMENT, WORKSPACE, MODEL
	}

	record Run(UUID id, @Nullable UUID workspaceId, @Nullable UUID documentId, Scope scope, String generation,
			int total, @Nullable UUID createdBy, Instant createdAt, @Nullable Instant finishedAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	ReindexRuns(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Run create(@Nullable UUID workspaceId, @Nullable UUID documentId, Scope scope, String generation, int total,
			@Nullable UUID createdBy) {
		var run = new Run(UUID.randomUUID(), workspaceId, documentId, scope, generation, total, createdBy,
				clock.instant(), null);
		jdbc.sql("""
				INSERT INTO ingest_reindex_runs (id, workspace_id, document_id, scope, generation, total, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(run.id(), workspaceId, documentId, scope.name(), generation, total, createdBy,
					Timestamp.from(run.createdAt()))
			.update();
		return run;
	}

	Optional<Run> find(UUID id) {
		return jdbc.sql("SELECT * FROM ingest_reindex_runs WHERE id = ?").param(id).query(ReindexRuns::map).optional();
	}

	/** The run that re-embeds everything into {@code generation} after a model switch, if one was started. */
	Optional<Run> modelRun(String generation) {
		return jdbc.sql("SELECT * FROM ingest_reindex_runs WHERE scope = 'MODEL' AND generation = ? "
				+ "ORDER BY created_at DESC LIMIT 1").param(generation).query(ReindexRuns::map).optional();
	}

	void finish(UUID id) {
		jdbc.sql("UPDATE ingest_reindex_runs SET finished_at = ? WHERE id = ? AND finished_at IS NULL")
			.params(Timestamp.from(clock.instant()), id)
			.update();
	}

	private static Run map(ResultSet rs, int row) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new Run(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("document_id", UUID.class), Scope.valueOf(rs.getString("scope")),
				rs.getString("generation"), rs.getInt("total"), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
	}
}
