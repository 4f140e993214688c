package io.knowledgecloud.platform.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Stored first responses for {@code Idempotency-Key}s, in table {@code platform_idempotency_keys}.
 * The primary key (scope, key) makes the claim atomic across replicas.
 */
@Repository
class IdempotencyStore {

	enum State {
		IN_PROGRESS, COMPLETED
	}

	record Entry(String requestHash, State state, int status, @Nullable String contentType,
			@Nullable String location, @Nullable String etag, @Nullable String body, Instant expiresAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Duration retention;
	private final Duration inFlightTimeout;

	IdempotencyStore(JdbcClient jdbc, Clock clock, io.knowledgecloud.platform.PlatformSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = settings.idempotency().retention();
		this.inFlightTimeout = settings.idempotency().inFlightTimeout();
	}

	/** Claims the key; returns empty when claimed, or the entry that already holds it. */
	Optional<Entry> claim(String scope, String key, String requestHash) {
		Instant now = clock.instant();
		// expired entries, and claims whose holder died before answering, are free again
		jdbc.sql("DELETE FROM platform_idempotency_keys WHERE scope = ? AND idem_key = ? AND (expires_at < ? "
				+ "OR (state = 'IN_PROGRESS' AND created_at < ?))")
			.params(scope, key, Timestamp.from(now), Timestamp.from(now.minus(inFlightTimeout)))
			.update();
		try {
			jdbc.sql("""
					INSERT INTO platform_idempotency_keys (scope, idem_key, request_hash, state, status, created_at, expires_at)
					VALUES (?, ?, ?, 'IN_PROGRESS', 0, ?, ?)""")
				.params(scope, key, requestHash, Timestamp.from(now), Timestamp.from(now.plus(retention)))
				.update();
			return Optional.empty();
		}
		catch (DuplicateKeyException e) {
			return jdbc.sql("""
					SELECT request_hash, state, status, content_type, location, etag, body, expires_at
					FROM platform_idempotency_keys WHERE scope = ? AND idem_key = ?""")
				.params(scope, key)
				.query((rs, n) -> new Entry(rs.getString(1), State.valueOf(rs.getString(2)), rs.getInt(3),
						rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
						rs.getTimestamp(8).toInstant()))
				.optional()
				// deleted between our insert and read (the holder failed): let the client retry
				.or(() -> Optional.of(new Entry(requestHash, State.IN_PROGRESS, 0, null, null, null, null, now)));
		}
	}

	void complete(String scope, String key, int status, @Nullable String contentType, @Nullable String location,
			@Nullable String etag, String body) {
		jdbc.sql("""
				UPDATE platform_idempotency_keys SET state = 'COMPLETED', status = ?, content_type = ?, location = ?,
				  etag = ?, body = ? WHERE scope = ? AND idem_key = ?""")
			.params(status, contentType, location, etag, body, scope, key)
			.update();
	}

	void release(String scope, String key) {
		jdbc.sql("DELETE FROM platform_idempotency_keys WHERE scope = ? AND idem_key = ?").params(scope, key).update();
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void purgeExpired() {
		jdbc.sql("DELETE FROM platform_idempotency_keys WHERE expires_at < ?")
			.param(Timestamp.from(clock.instant()))
			.update();
	}
}
