package io.knowledgecloud.workspace.internal;

import java.time.Instant;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceId;

/** A membership row. */
public record Member(WorkspaceId workspaceId, UserId userId, String email, Role role, Instant joinedAt) {
}
