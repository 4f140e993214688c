package io.knowledgecloud.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
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

	/**
	 * Stores the document's fingerprint and returns the closest other document within the threshold
	 * (the earliest stored of equally close ones). Only documents that share one of the four 16-bit
	 * bands are read: {@link #MAX_DISTANCE} differing bits cannot touch all four. Fingerprints stored
	 * before bands existed are read as well, and get their bands on the way.
	 */
	Optional<UUID> recordAndFindNearDuplicate(UUID workspaceId, UUID documentId, long simhash) {
		record Candidate(UUID id, long hash, Timestamp updated, boolean banded) {
		}
		int[] bands = bands(simhash);
		String columns = "SELECT document_id, simhash, updated_at, band0 FROM ingest_fingerprints WHERE workspace_id = ? ";
		List<Candidate> candidates = jdbc.sql(columns + "AND band0 = ? UNION " + columns + "AND band1 = ? UNION "
				+ columns + "AND band2 = ? UNION " + columns + "AND band3 = ? UNION " + columns + "AND band0 IS NULL")
			.params(workspaceId, bands[0], workspaceId, bands[1], workspaceId, bands[2], workspaceId, bands[3], workspaceId)
			.query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3),
					rs.getObject(4) != null))
			.list();
		for (Candidate legacy : candidates) {
			if (!legacy.banded()) {
				int[] b = bands(legacy.hash());
				jdbc.sql("UPDATE ingest_fingerprints SET band0 = ?, band1 = ?, band2 = ?, band3 = ? WHERE document_id = ?")
					.params(b[0], b[1], b[2], b[3], legacy.id())
					.update();
			}
		}
		Optional<UUID> nearest = candidates.stream()
			.filter(c -> !c.id().equals(documentId) && SimHash.distance(c.hash(), simhash) <= MAX_DISTANCE)
			.min(java.util.Comparator.<Candidate>comparingInt(c -> SimHash.distance(c.hash(), simhash))
				.thenComparing(Candidate::updated))
			.map(Candidate::id);
		jdbc.sql("DELETE FROM ingest_fingerprints WHERE document_id = ?").param(documentId).update();
		jdbc.sql("INSERT INTO ingest_fingerprints (document_id, workspace_id, simhash, updated_at, band0, band1, band2, "
				+ "band3) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(documentId, workspaceId, simhash, Timestamp.from(clock.instant()), bands[0], bands[1], bands[2],
					bands[3])
			.update();
		return nearest;
	}

	/** The four 16-bit bands of a 64-bit fingerprint, lowest first. */
	static int[] bands(long simhash) {
		int[] bands = new int[4];
		for (int i = 0; i < 4; i++) {
			bands[i] = (int) ((simhash >>> (16 * i)) & 0xFFFF);
		}
		return bands;
	}

	void forget(UUID documentId) {
		jdbc.sql("DELETE FROM ingest_fingerprints WHERE document_id = ?").param(documentId).update();
	}
}
