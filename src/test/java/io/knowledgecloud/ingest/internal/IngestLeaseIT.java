package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import io.knowledgecloud.support.IntegrationTest;

/**
 * The replica's heartbeat renews the leases of the jobs its workers hold, so a job whose stage
 * outlasts the lease is not taken over while the replica lives; jobs held by another replica's
 * workers are left to that replica's heartbeat.
 */
@IntegrationTest
@TestPropertySource(properties = "kc.ingest.lease=PT2S")
class IngestLeaseIT {

	@Autowired
	IngestWorkers workers;
	@Autowired
	JdbcClient jdbc;

	@Test
	void theHeartbeatKeepsThisReplicasJobsAndLeavesOtherReplicasJobsAlone() throws InterruptedException {
		Instant now = Instant.now();
		// a stage of one of our workers that runs longer than the lease (2 s)
		UUID ours = insertRunning(workers.name() + "-0", now.plusSeconds(2));
		// another replica's job, leased far ahead so that nobody may claim it during the test
		Instant theirsUntil = now.plusSeconds(60);
		UUID theirs = insertRunning("worker-elsewhere-0", theirsUntil);
		try {
			Thread.sleep(Duration.ofSeconds(5));
			Lease kept = lease(ours);
			assertThat(kept.state()).isEqualTo("RUNNING");
			assertThat(kept.lockedBy()).as("not taken over by another worker").isEqualTo(workers.name() + "-0");
			assertThat(kept.attempts()).as("not claimed a second time").isEqualTo(1);
			assertThat(kept.lockedUntil()).as("lease renewed past the original 2 s").isAfter(Instant.now());
			assertThat(lease(theirs).lockedUntil()).isCloseTo(theirsUntil, within(1, ChronoUnit.MILLIS));
		}
		finally {
			jdbc.sql("DELETE FROM ingest_jobs WHERE id IN (?, ?)").params(ours, theirs).update();
		}
	}

	private record Lease(String state, @Nullable String lockedBy, @Nullable Instant lockedUntil, int attempts) {
	}

	private Lease lease(UUID job) {
		return jdbc.sql("SELECT state, locked_by, locked_until, attempts FROM ingest_jobs WHERE id = ?")
			.param(job)
			.query((rs, n) -> {
				Timestamp until = rs.getTimestamp(3);
				return new Lease(rs.getString(1), rs.getString(2), until == null ? null : until.toInstant(), rs.getInt(4));
			})
			.single();
	}

	private UUID insertRunning(String worker, Instant lockedUntil) {
		UUID id = UUID.randomUUID();
		UUID document = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				INSERT INTO ingest_jobs (id, dedupe_key, workspace_id, document_id, version, blob_key, media_type, title,
				  tags, allowed_users, state, fair_seq, attempts, next_attempt_at, locked_by, locked_until, created_at,
				  updated_at)
				VALUES (?, ?, ?, ?, 1, 'lease-test', 'text/plain', 'Lease test', '', '', 'RUNNING', 0, 1, ?, ?, ?, ?, ?)""")
			.params(id, document + ":1", UUID.randomUUID(), document, now, worker, Timestamp.from(lockedUntil), now, now)
			.update();
		return id;
	}
}
