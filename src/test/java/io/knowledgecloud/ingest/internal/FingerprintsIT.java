package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.support.IntegrationTest;

/**
 * Near-duplicate lookup by SimHash bands: every fingerprint within 3 bits is found, farther ones
 * are not, and fingerprints stored before bands existed are found and get their bands.
 */
@IntegrationTest
class FingerprintsIT {

	private final Fingerprints fingerprints;
	private final JdbcClient jdbc;

	@Autowired
	FingerprintsIT(Fingerprints fingerprints, JdbcClient jdbc) {
		this.fingerprints = fingerprints;
		this.jdbc = jdbc;
	}

	@Test
	void everyFingerprintWithinThreeBitsIsFoundAndNoFartherOne() {
		Random random = new Random(42);
		for (int round = 0; round < 50; round++) {
			UUID ws = UUID.randomUUID();
			long original = random.nextLong();
			UUID first = UUID.randomUUID();
			assertThat(fingerprints.recordAndFindNearDuplicate(ws, first, original)).isEmpty();
			int flips = round % 5; // 0 to 4 bits differ
			long near = original;
			for (int f = 0; f < flips; f++) {
				near ^= 1L << (16 * f + random.nextInt(16)); // one bit in each of the first bands
			}
			var found = fingerprints.recordAndFindNearDuplicate(ws, UUID.randomUUID(), near);
			if (flips <= Fingerprints.MAX_DISTANCE) {
				assertThat(found).as("%d bits apart", flips).contains(first);
			}
			else {
				assertThat(found).as("%d bits apart", flips).isEmpty();
			}
		}
	}

	@Test
	void aFingerprintStoredWithoutBandsIsFoundAndGetsThem() {
		UUID ws = UUID.randomUUID();
		UUID legacy = UUID.randomUUID();
		long hash = 0x0123_4567_89ab_cdefL;
		jdbc.sql("INSERT INTO ingest_fingerprints (document_id, workspace_id, simhash, updated_at) VALUES (?, ?, ?, ?)")
			.params(legacy, ws, hash, Timestamp.from(Instant.now()))
			.update();

		assertThat(fingerprints.recordAndFindNearDuplicate(ws, UUID.randomUUID(), hash ^ 0b101)).contains(legacy);

		Integer band0 = jdbc.sql("SELECT band0 FROM ingest_fingerprints WHERE document_id = ?").param(legacy)
			.query(Integer.class).single();
		assertThat(band0).isEqualTo(Fingerprints.bands(hash)[0]);
	}
}
