package io.knowledgecloud.agent.spi;

import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * One call of a tool, with the permissions of {@code caller}: the run's owner when the run calls
 * it, the approver when an approved write is applied.
 *
 * @param httpAllowList hosts {@code http_fetch} may reach in this workspace
 */
public record ToolInvocation(WorkspaceId workspace, CurrentUser caller, UUID runId, JsonNode arguments,
		Set<String> httpAllowList) {
}
