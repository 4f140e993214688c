package io.knowledgecloud.identity.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.identity.UserSummary;

/** A user account row. */
record User(UserId id, String email, String displayName, String passwordHash, boolean mfaEnabled,
		@Nullable String mfaSecret, @Nullable String mfaPendingSecret, long mfaLastStep, Instant createdAt) {

	UserSummary summary() {
		return new UserSummary(id, email, displayName, mfaEnabled, createdAt);
	}
}
