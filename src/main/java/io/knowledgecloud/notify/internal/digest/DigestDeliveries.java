package io.knowledgecloud.notify.internal.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.UserId;

/**
 * Table {@code notify_digest_deliveries}. Recorded after the mail went out: a crash in between
 * sends that member's digest twice rather than never.
 */
@Repository
class DigestDeliveries {

	private final JdbcClient jdbc;

	DigestDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean sent(UUID jobId, UserId user) {
		return jdbc.sql("SELECT COUNT(*) FROM notify_digest_deliveries WHERE job_id = ? AND user_id = ?")
			.params(jobId, user.value())
			.query(Long.class)
			.single() > 0;
	}

	void record(UUID jobId, UserId user, Instant at) {
		try {
			jdbc.sql("INSERT INTO notify_digest_deliveries (job_id, user_id, sent_at) VALUES (?, ?, ?)")
				.params(jobId, user.value(), Timestamp.from(at))
				.update();
		}
		catch (DuplicateKeyException e) {
			// recorded by an earlier run of the same job
		}
	}
}
