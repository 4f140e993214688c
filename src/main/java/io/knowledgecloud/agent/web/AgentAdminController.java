package io.knowledgecloud.agent.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.agent.AgentAdministration;
import io.knowledgecloud.agent.AgentMemory;
import io.knowledgecloud.agent.AgentPolicy;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Agent tools, the workspace's agent policy, and the caller's agent memory. */
@RestController
@Tag(name = "Agents")
class AgentAdminController {

	private final AgentAdministration admin;

	AgentAdminController(AgentAdministration admin) {
		this.admin = admin;
	}

	@GetMapping("/api/v1/agent/tools")
	@Operation(summary = "The tools agents can call", description = "Name, description, effect (read, create, write: "
			+ "write tools need approval) and JSON schema of the arguments.")
	List<AgentAdministration.ToolDescription> tools() {
		return admin.tools();
	}

	@GetMapping("/api/v1/workspaces/{ws}/agent/policy")
	@Operation(summary = "The workspace's agent policy")
	AgentPolicy policy(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return admin.policy(new WorkspaceId(ws), user);
	}

	@PutMapping("/api/v1/workspaces/{ws}/agent/policy")
	@Operation(summary = "Change the agent policy (admins)", description = "`allowed_tools` (null = all), "
			+ "`approval_role` (editor or admin), `http_allow_list` (hosts `http_fetch` may reach; private and "
			+ "loopback addresses stay refused).")
	AgentPolicy change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestBody AgentPolicy policy) {
		return admin.changePolicy(new WorkspaceId(ws), user, policy);
	}

	@DeleteMapping("/api/v1/workspaces/{ws}/agent/policy")
	@Operation(summary = "Back to the default policy (admins)")
	ResponseEntity<Void> reset(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		admin.resetPolicy(new WorkspaceId(ws), user);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/workspaces/{ws}/agent-memories")
	@Operation(summary = "My agent memories", description = "Facts kept from my finished runs, newest first.")
	CursorPage<AgentMemory> memories(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return admin.memories(new WorkspaceId(ws), user, cursor, limit);
	}

	@DeleteMapping("/api/v1/workspaces/{ws}/agent-memories/{id}")
	@Operation(summary = "Forget one memory")
	ResponseEntity<Void> forget(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		admin.forget(new WorkspaceId(ws), user, id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/api/v1/workspaces/{ws}/agent-memories")
	@Operation(summary = "Forget all my memories in this workspace")
	Map<String, Integer> forgetAll(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return Map.of("deleted", admin.forgetAll(new WorkspaceId(ws), user));
	}
}
