package io.knowledgecloud.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.knowledgecloud.identity.UserId;

/**
 * Login sessions and their refresh tokens. Refresh tokens are opaque, stored as SHA-256 and
 * rotated on every use; presenting an already-rotated token revokes the whole session (token
 * family), because only a thief or a replay can hold an old one.
 */
@Component
class Sessions {

	/** A session's new refresh token. */
	record Refreshed(Session session, String refreshToken) {
	}

	/** Result of a refresh attempt. */
	sealed interface RefreshOutcome {
		record Rotated(Session session, String refreshToken) implements RefreshOutcome {
		}

		record Reused(Session session) implements RefreshOutcome {
		}

		record Invalid() implements RefreshOutcome {
		}
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final IdentitySettings settings;
	/** Short-lived view of session state, so access-token checks need not hit the database each time. */
	private final Cache<UUID, Boolean> activeCache = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(5))
		.maximumSize(100_000)
		.build();

	Sessions(JdbcClient jdbc, Clock clock, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	@Transactional
	Refreshed start(UserId userId, @Nullable String userAgent, @Nullable String ip) {
		Instant now = clock.instant();
		var session = new Session(UUID.randomUUID(), userId, truncate(userAgent, 512), truncate(ip, 64), now, now,
				now.plus(settings.refreshTokenTtl()), null);
		jdbc.sql("""
				INSERT INTO identity_sessions (id, user_id, user_agent, ip, created_at, last_used_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(session.id(), userId.value(), session.userAgent(), session.ip(), Timestamp.from(now),
					Timestamp.from(now), Timestamp.from(session.expiresAt()))
			.update();
		return new Refreshed(session, newRefreshToken(session, now));
	}

	@Transactional(noRollbackFor = RefreshTokenReused.class)
	RefreshOutcome refresh(String refreshToken, @Nullable String userAgent, @Nullable String ip) {
		Instant now = clock.instant();
		String hash = Hashes.sha256(refreshToken);
		record Row(UUID sessionId, String state, Instant expiresAt) {
		}
		Optional<Row> row = jdbc.sql("SELECT session_id, state, expires_at FROM identity_refresh_tokens WHERE token_hash = ?")
			.param(hash)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.optional();
		if (row.isEmpty()) {
			return new RefreshOutcome.Invalid();
		}
		Optional<Session> session = find(row.get().sessionId());
		if (session.isEmpty() || !session.get().activeAt(now)) {
			return new RefreshOutcome.Invalid();
		}
		if (row.get().state().equals("ROTATED")) {
			revoke(session.get().id(), "refresh_token_reused");
			return new RefreshOutcome.Reused(session.get());
		}
		if (!row.get().state().equals("ACTIVE") || !row.get().expiresAt().isAfter(now)) {
			return new RefreshOutcome.Invalid();
		}
		int rotated = jdbc.sql("UPDATE identity_refresh_tokens SET state = 'ROTATED', rotated_at = ? "
				+ "WHERE token_hash = ? AND state = 'ACTIVE'").params(Timestamp.from(now), hash).update();
		if (rotated == 0) {
			// a concurrent request rotated it first: the same token was presented twice
			revoke(session.get().id(), "refresh_token_reused");
			return new RefreshOutcome.Reused(session.get());
		}
		jdbc.sql("UPDATE identity_sessions SET last_used_at = ?, user_agent = COALESCE(?, user_agent), ip = COALESCE(?, ip) WHERE id = ?")
			.params(Timestamp.from(now), truncate(userAgent, 512), truncate(ip, 64), session.get().id())
			.update();
		return new RefreshOutcome.Rotated(session.get(), newRefreshToken(session.get(), now));
	}

	Optional<Session> find(UUID id) {
		return jdbc.sql("SELECT * FROM identity_sessions WHERE id = ?").param(id).query(Sessions::map).optional();
	}

	List<Session> active(UserId userId) {
		return jdbc.sql("SELECT * FROM identity_sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? "
				+ "ORDER BY last_used_at DESC").params(userId.value(), Timestamp.from(clock.instant()))
			.query(Sessions::map)
			.list();
	}

	boolean isActive(UUID sessionId) {
		return activeCache.get(sessionId, id -> find(id).map(s -> s.activeAt(clock.instant())).orElse(false));
	}

	@Transactional
	void revoke(UUID sessionId, String reason) {
		Instant now = clock.instant();
		jdbc.sql("UPDATE identity_sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), reason, sessionId)
			.update();
		jdbc.sql("UPDATE identity_refresh_tokens SET state = 'REVOKED' WHERE session_id = ? AND state = 'ACTIVE'")
			.param(sessionId)
			.update();
		activeCache.invalidate(sessionId);
	}

	@Transactional
	int revokeAll(UserId userId, @Nullable UUID except, String reason) {
		List<Session> sessions = active(userId);
		int count = 0;
		for (Session session : sessions) {
			if (!session.id().equals(except)) {
				revoke(session.id(), reason);
				count++;
			}
		}
		return count;
	}

	private String newRefreshToken(Session session, Instant now) {
		String token = "kcr_" + Hashes.randomToken(32);
		jdbc.sql("""
				INSERT INTO identity_refresh_tokens (token_hash, session_id, state, created_at, expires_at)
				VALUES (?, ?, 'ACTIVE', ?, ?)""")
			.params(Hashes.sha256(token), session.id(), Timestamp.from(now), Timestamp.from(session.expiresAt()))
			.update();
		return token;
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	private static Session map(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new Session(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
				rs.getString("user_agent"), rs.getString("ip"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("last_used_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				revoked == null ? null : revoked.toInstant());
	}
}
