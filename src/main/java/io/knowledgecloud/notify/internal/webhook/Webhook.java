package io.knowledgecloud.notify.internal.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.notify.internal.NotifyEvent;

/**
 * A workspace's subscription as clients see it; the secret is never part of it.
 *
 * @param events event types, or {@code ["*"]} for all of them
 * @param consecutiveFailures deliveries in a row that failed all their attempts
 */
public record Webhook(UUID id, UUID workspaceId, String url, List<String> events, @Nullable String description,
		boolean enabled, int consecutiveFailures, @Nullable String disabledReason, Instant createdAt,
		Instant updatedAt) {

	boolean wants(String type) {
		return type.equals(NotifyEvent.PING) || events.contains("*") || events.contains(type);
	}
}
