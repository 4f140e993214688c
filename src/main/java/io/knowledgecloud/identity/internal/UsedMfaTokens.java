package io.knowledgecloud.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** MFA tokens that completed a login, table {@code identity_used_mfa_tokens}: each works once. */
@Repository
class UsedMfaTokens {

	private final JdbcClient jdbc;
	private final Clock clock;

	UsedMfaTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Marks the token used; false when it was used before (here or on another replica). */
	boolean use(String jti, Instant expiresAt) {
		jdbc.sql("DELETE FROM identity_used_mfa_tokens WHERE expires_at < ?").param(Timestamp.from(clock.instant()))
			.update();
		// NOT EXISTS answers a replay without a failed statement (which would abort a PostgreSQL
		// transaction); the primary key still decides between two concurrent first uses
		try {
			return jdbc.sql("INSERT INTO identity_used_mfa_tokens (jti, expires_at) SELECT ?, ? WHERE NOT EXISTS "
					+ "(SELECT 1 FROM identity_used_mfa_tokens WHERE jti = ?)")
				.params(jti, Timestamp.from(expiresAt), jti)
				.update() == 1;
		}
		catch (DuplicateKeyException concurrentUse) {
			return false;
		}
	}
}
