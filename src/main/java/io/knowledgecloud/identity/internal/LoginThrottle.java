package io.knowledgecloud.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed-login accounting per e-mail address (hashed), whether or not the account exists:
 * after a few failures answers slow down, after more the address is locked for a while. Kept
 * in the database so every replica sees the same counts. An attempt is counted when it
 * {@link #begin begins}, before the slow credential check, so parallel guesses cannot all pass
 * the lock check; one that succeeds is forgiven by {@link #reset} or {@link #release}.
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

	/**
	 * Counts an attempt on {@code email} and returns its number within the window; throws
	 * {@link AccountLocked} while the address is locked or when the limit is used up by attempts
	 * still under way.
	 */
	int begin(String email) {
		String key = key(email);
		Instant now = clock.instant();
		// an old window or an expired lock starts over; an active lock and a fresh count stay
		jdbc.sql("DELETE FROM identity_login_throttle WHERE email_key = ? AND (locked_until < ? "
				+ "OR (locked_until IS NULL AND first_failure_at <= ?))")
			.params(key, Timestamp.from(now), Timestamp.from(now.minus(settings.window())))
			.update();
		// each attempt takes the next number by compare-and-set, so parallel attempts get 1, 2, 3, …
		// exactly: the first lockAfter of them are checked, every later one is refused (a plain
		// increment read back afterwards could show all of them the final count)
		record Row(int failures, @Nullable Timestamp lockedUntil) {
		}
		while (true) {
			Optional<Row> row = jdbc.sql("SELECT failures, locked_until FROM identity_login_throttle WHERE email_key = ?")
				.param(key)
				.query((rs, n) -> new Row(rs.getInt(1), rs.getTimestamp(2)))
				.optional();
			if (row.isEmpty()) {
				try {
					jdbc.sql("INSERT INTO identity_login_throttle (email_key, failures, first_failure_at) VALUES (?, 1, ?)")
						.params(key, Timestamp.from(now))
						.update();
					return 1;
				}
				catch (DuplicateKeyException concurrent) {
					continue; // another attempt took number 1
				}
			}
			Row current = row.get();
			if (current.lockedUntil() != null && current.lockedUntil().toInstant().isAfter(now)) {
				throw new AccountLocked(
						Math.max(1, Duration.between(now, current.lockedUntil().toInstant()).toSeconds()));
			}
			if (current.failures() >= settings.lockAfter()) {
				throw new AccountLocked(settings.lockDuration().toSeconds());
			}
			int next = current.failures() + 1;
			if (jdbc.sql("UPDATE identity_login_throttle SET failures = ? WHERE email_key = ? AND failures = ?")
				.params(next, key, current.failures())
				.update() == 1) {
				return next;
			}
		}
	}

	/**
	 * Attempt number {@code attempt} failed: answers slow down, and reaching the limit locks. The
	 * count stays while locked, so attempts that were under way cannot start a fresh one.
	 */
	Failure recordFailure(String email, int attempt) {
		Instant now = clock.instant();
		boolean lockedNow = false;
		if (attempt >= settings.lockAfter()) {
			lockedNow = jdbc.sql("UPDATE identity_login_throttle SET locked_until = ? "
					+ "WHERE email_key = ? AND (locked_until IS NULL OR locked_until < ?)")
				.params(Timestamp.from(now.plus(settings.lockDuration())), key(email), Timestamp.from(now))
				.update() == 1;
		}
		long excess = Math.max(0, attempt - settings.slowDownAfter());
		Duration delay = settings.delayStep().multipliedBy(excess);
		return new Failure(delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay, lockedNow);
	}

	/** The password was right but a second factor follows: the attempt is not a failure, nor a success yet. */
	void release(String email) {
		jdbc.sql("UPDATE identity_login_throttle SET failures = failures - 1 WHERE email_key = ? AND failures > 0")
			.param(key(email))
			.update();
	}

	void reset(String email) {
		jdbc.sql("DELETE FROM identity_login_throttle WHERE email_key = ?").param(key(email)).update();
	}

	private static String key(String email) {
		return Hashes.sha256("login:" + email);
	}
}
