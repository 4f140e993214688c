package io.knowledgecloud.workspace;

/** A workspace was deleted; modules that hold its data remove it. */
public record WorkspaceDeleted(WorkspaceId workspaceId) {
}
