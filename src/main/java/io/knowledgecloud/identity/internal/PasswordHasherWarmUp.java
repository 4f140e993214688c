package io.knowledgecloud.identity.internal;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.WarmUp;

/**
 * Makes the hash that equalises the time of unknown-user logins after the server is ready, first of
 * the warm-ups: a login is usually the first thing a new server is asked.
 */
@Component
@Order(-10)
class PasswordHasherWarmUp implements WarmUp {

	private final PasswordHasher hasher;

	PasswordHasherWarmUp(PasswordHasher hasher) {
		this.hasher = hasher;
	}

	@Override
	public String name() {
		return "password hashing";
	}

	@Override
	public void run() {
		hasher.warmUp();
	}
}
