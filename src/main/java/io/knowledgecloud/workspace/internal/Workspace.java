package io.knowledgecloud.workspace.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.workspace.WorkspaceId;

/** A workspace row. */
public record Workspace(WorkspaceId id, String name, @Nullable UUID personalFor, UUID createdBy, Instant createdAt,
		Instant updatedAt, long version) {

	public boolean personal() {
		return personalFor != null;
	}
}
