package io.knowledgecloud.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which index generation holds which document, table {@code ingest_indexed}: the basis of the
 * background re-embedding after an embedding model switch.
 */
@Repository
class IndexedGenerations {

	/** A document that has to be indexed into the current generation. */
	record Missing(UUID documentId, UUID workspaceId) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	IndexedGenerations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The document's current chunks are in {@code generation}; in the transaction that finishes its job. */
	void record(UUID documentId, String generation, UUID workspaceId, int version) {
		jdbc.sql("DELETE FROM ingest_indexed WHERE document_id = ? AND generation = ?")
			.params(documentId, generation)
			.update();
		jdbc.sql("INSERT INTO ingest_indexed (document_id, generation, workspace_id, version, indexed_at) "
				+ "VALUES (?, ?, ?, ?, ?)")
			.params(documentId, generation, workspaceId, version, Timestamp.from(clock.instant()))
			.update();
	}

	void forget(UUID documentId) {
		jdbc.sql("DELETE FROM ingest_indexed WHERE document_id = ?").param(documentId).update();
	}

	/** Rows from before this table existed name no generation: they were indexed with the model in use now. */
	int adopt(String current) {
		return jdbc.sql("UPDATE ingest_indexed SET generation = ? WHERE generation = '' AND NOT EXISTS "
				+ "(SELECT 1 FROM ingest_indexed c WHERE c.document_id = ingest_indexed.document_id AND c.generation = ?)")
			.params(current, current)
			.update();
	}

	/** Documents indexed in some other generation but not in {@code current}. */
	List<Missing> missing(String current, int limit) {
		return jdbc.sql("SELECT DISTINCT i.document_id, i.workspace_id FROM ingest_indexed i WHERE i.generation <> ? "
				+ "AND NOT EXISTS (SELECT 1 FROM ingest_indexed c WHERE c.document_id = i.document_id "
				+ "AND c.generation = ?) ORDER BY i.document_id LIMIT ?")
			.params(current, current, limit)
			.query((rs, n) -> new Missing(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	/** Generations other than {@code current} that still hold documents. */
	List<String> others(String current) {
		return jdbc.sql("SELECT DISTINCT generation FROM ingest_indexed WHERE generation <> ? AND generation <> ''")
			.param(current)
			.query(String.class)
			.list();
	}

	void dropGeneration(String generation) {
		jdbc.sql("DELETE FROM ingest_indexed WHERE generation = ?").param(generation).update();
	}
}
