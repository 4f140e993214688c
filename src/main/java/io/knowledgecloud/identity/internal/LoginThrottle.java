package io.knowledgecloud.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed-login accounting per e-mail address (hashed), whether or not the account exists:
 * after a few failures answers slow down, after more the address is locked for a while. Kept
 * in the database so every replica sees the same counts.
 */
@Component
class LoginThrottle {

	/** Outcome of one recorded failure. */
	record Failure(Duration delay, boolean lockedNow) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final IdentitySettings.Login settings;

	LoginThrottle(JdbcClient jdbc, Clock clock, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings.login();
	}

	/** Throws {@link AccountLocked} while the address is locked. */
	void checkNotLocked(String email) {
		Instant now = clock.instant();
		jdbc.sql("SELECT locked_until FROM identity_login_throttle WHERE email_key = ?")
			.param(key(email))
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.map(Timestamp::toInstant)
			.filter(until -> until.isAfter(now))
			.ifPresent(until -> {
				throw new AccountLocked(Math.max(1, Duration.between(now, until).toSeconds()));
			});
	}

	Failure recordFailure(String email) {
		String key = key(email);
		Instant now = clock.instant();
		Timestamp windowStart = Timestamp.from(now.minus(settings.window()));
		int updated = jdbc.sql("UPDATE identity_login_throttle SET failures = failures + 1 "
				+ "WHERE email_key = ? AND first_failure_at > ?").params(key, windowStart).update();
		if (updated == 0) {
			jdbc.sql("DELETE FROM identity_login_throttle WHERE email_key = ? AND (locked_until IS NULL OR locked_until < ?)")
				.params(key, Timestamp.from(now))
				.update();
			try {
				jdbc.sql("INSERT INTO identity_login_throttle (email_key, failures, first_failure_at) VALUES (?, 1, ?)")
					.params(key, Timestamp.from(now))
					.update();
			}
			catch (DuplicateKeyException concurrent) {
				jdbc.sql("UPDATE identity_login_throttle SET failures = failures + 1 WHERE email_key = ?")
					.param(key)
					.update();
			}
		}
		int failures = jdbc.sql("SELECT failures FROM identity_login_throttle WHERE email_key = ?")
			.param(key)
			.query(Integer.class)
			.optional()
			.orElse(1);
		boolean lockedNow = false;
		if (failures >= settings.lockAfter()) {
			lockedNow = jdbc.sql("UPDATE identity_login_throttle SET locked_until = ?, failures = 0, first_failure_at = ? "
					+ "WHERE email_key = ? AND failures >= ?")
				.params(Timestamp.from(now.plus(settings.lockDuration())), Timestamp.from(now), key, settings.lockAfter())
				.update() == 1;
		}
		long excess = Math.max(0, failures - settings.slowDownAfter());
		Duration delay = settings.delayStep().multipliedBy(excess);
		return new Failure(delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay, lockedNow);
	}

	void reset(String email) {
		jdbc.sql("DELETE FROM identity_login_throttle WHERE email_key = ?").param(key(email)).update();
	}

	private static String key(String email) {
		return Hashes.sha256("login:" + email);
	}
}
