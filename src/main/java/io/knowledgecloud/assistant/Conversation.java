package io.knowledgecloud.assistant;

import java.time.Instant;
import java.util.UUID;

/** A conversation with the assistant, private to the user who started it. */
public record Conversation(UUID id, UUID workspaceId, UUID userId, String title, Instant createdAt, Instant updatedAt) {
}
