package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent run paused on a write it wants to make; someone allowed by the approval policy must
 * approve or reject {@code approvalId} before {@code expiresAt}.
 */
public record AgentRunWaitingApproval(UUID workspaceId, UUID runId, UUID ownerId, UUID approvalId, String tool,
		String summary, Instant expiresAt) {
}
