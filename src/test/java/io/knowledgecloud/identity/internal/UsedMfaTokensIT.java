package io.knowledgecloud.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.support.IntegrationTest;

/**
 * The used MFA tokens (what makes an MFA token single-use) are forgotten by a scheduled purge once
 * they have expired, not by every MFA login; the single use itself is in {@code MfaIT}.
 */
@IntegrationTest
class UsedMfaTokensIT {

	private final Accounts accounts;
	private final JdbcClient jdbc;
	private final Clock clock;

	@Autowired
	UsedMfaTokensIT(Accounts accounts, JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Test
	void thePurgeRemovesExpiredTokensOnly() {
		String expired = "expired-" + UUID.randomUUID();
		String live = "live-" + UUID.randomUUID();
		insert(expired, Duration.ofMinutes(-1));
		insert(live, Duration.ofMinutes(5));

		assertThat(accounts.forgetExpiredMfaTokens()).isGreaterThanOrEqualTo(1);

		assertThat(exists(expired)).isFalse();
		assertThat(exists(live)).isTrue();
	}

	private void insert(String jti, Duration fromNow) {
		jdbc.sql("INSERT INTO identity_used_mfa_tokens (jti, expires_at) VALUES (?, ?)")
			.params(jti, Timestamp.from(clock.instant().plus(fromNow)))
			.update();
	}

	private boolean exists(String jti) {
		return jdbc.sql("SELECT COUNT(*) FROM identity_used_mfa_tokens WHERE jti = ?").param(jti).query(Long.class).single() > 0;
	}
}
