package io.knowledgecloud.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.knowledgecloud.platform.SimHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Document fingerprints, table {@code ingest_fingerprints}: finds an earlier document of the same
 * workspace whose text is nearly the same (SimHash distance at most {@link #MAX_DISTANCE}).
 */
@Repository
class Fingerprints {

	/** 3 of 64 bits: the customary threshold for near-duplicate web pages (Manku et al., 2007). */
	static final int MAX_DISTANCE = 3;

	private final JdbcClient jdbc;
	private final Clock clock;

	Fingerprints(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Stores the document's fingerprint and returns the closest other document within the threshold. */
	Optional<UUID> recordAndFindNearDuplicate(UUID workspaceId, UUID documentId, long simhash) {
		record Candidate(UUID id, long hash) {
		}
		Optional<UUID> nearest = jdbc.sql("SELECT document_id, simhash FROM ingest_fingerprints WHERE workspace_id = ? "
				+ "AND document_id <> ? ORDER BY updated_at").params(workspaceId, documentId)
			.query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list()
			.stream()
			.filter(c -> SimHash.distance(c.hash(), simhash) <= MAX_DISTANCE)
			.min(java.util.Comparator.comparingInt(c -> SimHash.distance(c.hash(), simhash)))
			.map(Candidate::id);
		jdbc.sql("DELETE FROM ingest_fingerprints WHERE document_id = ?").param(documentId).update();
		jdbc.sql("INSERT INTO ingest_fingerprints (document_id, workspace_id, simhash, updated_at) VALUES (?, ?, ?, ?)")
			.params(documentId, workspaceId, simhash, Timestamp.from(clock.instant()))
			.update();
		return nearest;
	}

	void forget(UUID documentId) {
		jdbc.sql("DELETE FROM ingest_fingerprints WHERE document_id = ?").param(documentId).update();
	}
}
