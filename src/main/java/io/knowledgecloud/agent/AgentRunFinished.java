package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An agent run reached a final state: {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}. */
public record AgentRunFinished(UUID workspaceId, UUID runId, UUID ownerId, String status, String goal,
		@Nullable String error, Instant at) {
}
