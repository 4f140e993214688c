package io.knowledgecloud.notify.internal.inbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One notification of one user.
 *
 * @param type the event type it came from (see docs/webhooks.md for the catalogue)
 * @param data the event's fields, as webhook receivers get them
 * @param readAt absent while unread
 */
public record Notification(UUID id, String type, String title, String body, @Nullable UUID workspaceId,
		JsonNode data, Instant createdAt, @Nullable Instant readAt) {
}
