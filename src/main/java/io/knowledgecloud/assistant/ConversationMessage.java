package io.knowledgecloud.assistant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message of a conversation.
 *
 * @param role {@code user} or {@code assistant}
 * @param citations the checked citations of an assistant message
 */
public record ConversationMessage(UUID id, int seq, String role, String content, List<Citation> citations,
		Instant createdAt) {
}
