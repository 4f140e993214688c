package io.knowledgecloud.workspace;

import java.util.UUID;

/** Identifies a workspace (tenant) across modules. */
public record WorkspaceId(UUID value) {

	@Override
	public String toString() {
		return value.toString();
	}
}
