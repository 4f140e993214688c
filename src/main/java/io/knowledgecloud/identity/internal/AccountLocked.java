package io.knowledgecloud.identity.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Too many failed logins for this e-mail address; answered alike for unknown addresses. */
public final class AccountLocked extends KnowledgeCloudException {

	private final long retryAfterSeconds;

	public AccountLocked(long retryAfterSeconds) {
		super(HttpStatus.TOO_MANY_REQUESTS, "account_locked",
				"Too many failed logins. Try again in " + retryAfterSeconds + " seconds.");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("retry_after", retryAfterSeconds);
	}
}
