package io.knowledgecloud.workspace.internal;

import java.time.Instant;

import io.knowledgecloud.workspace.Role;

/** A workspace together with the caller's role in it and when they joined. */
public record MyWorkspace(Workspace workspace, Role role, Instant joinedAt) {
}
