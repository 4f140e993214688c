package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A write an agent wants to make, waiting for (or past) a person's decision.
 *
 * @param status {@code PENDING}, {@code APPROVED}, {@code REJECTED}, {@code EXPIRED},
 *     {@code CANCELLED} or {@code ROLLED_BACK}
 * @param preview unified diff of the document's text
 */
public record Approval(UUID id, UUID runId, UUID workspaceId, String tool, UUID documentId, int baseVersion,
		String summary, String preview, String status, Instant requestedAt, Instant expiresAt,
		@Nullable UUID decidedBy, @Nullable Instant decidedAt, @Nullable String reason,
		@Nullable Integer appliedVersion, @Nullable Integer rolledBackVersion) {
}
