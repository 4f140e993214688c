package io.knowledgecloud.identity.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.identity.UserId;

/** A login session: one refresh-token family on one device. */
public record Session(UUID id, UserId userId, @Nullable String userAgent, @Nullable String ip, Instant createdAt,
		Instant lastUsedAt, Instant expiresAt, @Nullable Instant revokedAt) {

	public boolean activeAt(Instant now) {
		return revokedAt == null && expiresAt.isAfter(now);
	}
}
