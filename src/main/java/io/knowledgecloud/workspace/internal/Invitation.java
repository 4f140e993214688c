package io.knowledgecloud.workspace.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceId;

/** An invitation row; the token itself is never stored, only its hash. */
public record Invitation(UUID id, WorkspaceId workspaceId, String email, Role role, UUID invitedBy,
		Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt, @Nullable Instant revokedAt) {

	public boolean pendingAt(Instant now) {
		return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
	}
}
