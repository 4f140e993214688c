package io.knowledgecloud.agent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.agent.internal.AgentProblems.InvalidRun;
import io.knowledgecloud.agent.internal.AgentProblems.MemoryNotFound;
import io.knowledgecloud.agent.internal.MemoryStore;
import io.knowledgecloud.agent.internal.PolicyStore;
import io.knowledgecloud.agent.internal.Toolbox;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/** A workspace's agent policy (admins) and each user's agent memory (their own). */
@Service
public class AgentAdministration {

	static final int MAX_HOSTS = 100;

	private final PolicyStore policies;
	private final MemoryStore memories;
	private final Toolbox toolbox;
	private final WorkspaceAccess access;
	private final Cursors cursors;
	private final Clock clock;

	AgentAdministration(PolicyStore policies, MemoryStore memories, Toolbox toolbox, WorkspaceAccess access,
			Cursors cursors, Clock clock) {
		this.policies = policies;
		this.memories = memories;
		this.toolbox = toolbox;
		this.access = access;
		this.cursors = cursors;
		this.clock = clock;
	}

	public AgentPolicy policy(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return policies.find(ws.value());
	}

	public AgentPolicy changePolicy(WorkspaceId ws, CurrentUser caller, AgentPolicy policy) {
		access.require(ws, caller, Role.ADMIN);
		if (!List.of("editor", "admin").contains(policy.approvalRole())) {
			throw new InvalidRun("invalid_approval_role", "approval_role must be editor or admin");
		}
		if (policy.allowedTools() != null) {
			for (String tool : policy.allowedTools()) {
				if (!toolbox.all().containsKey(tool)) {
					throw new InvalidRun("unknown_tool", "Unknown tool '" + tool + "'; known: " + toolbox.all().keySet());
				}
			}
		}
		List<String> hosts = new ArrayList<>();
		for (String host : policy.httpAllowList() == null ? List.<String>of() : policy.httpAllowList()) {
			String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
			if (!h.matches("[a-z0-9.-]{1,253}") || h.startsWith(".")) {
				throw new InvalidRun("invalid_host", "http_allow_list entries are host names, was: "
						+ (host == null ? "null" : host.substring(0, Math.min(host.length(), 80))));
			}
			hosts.add(h);
		}
		if (hosts.size() > MAX_HOSTS) {
			throw new InvalidRun("invalid_host", "at most " + MAX_HOSTS + " hosts");
		}
		var saved = new AgentPolicy(policy.allowedTools(), policy.approvalRole(), hosts);
		policies.save(ws.value(), saved, clock.instant());
		return saved;
	}

	public void resetPolicy(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.ADMIN);
		policies.delete(ws.value());
	}

	/** The caller's memories in this workspace, newest first. */
	public CursorPage<AgentMemory> memories(WorkspaceId ws, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(ws, caller, Role.VIEWER);
		String scope = "agent-memories:" + ws + ":" + caller.userId().value();
		var page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, memories.page(ws.value(), caller.userId().value(), page), page,
				m -> List.of(m.createdAt().toString(), m.id().toString()));
	}

	public void forget(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.VIEWER);
		if (!memories.delete(ws.value(), caller.userId().value(), id)) {
			throw new MemoryNotFound();
		}
	}

	public int forgetAll(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return memories.deleteAll(ws.value(), caller.userId().value());
	}

	/** The tools agents can use, with their schemas. */
	public List<ToolDescription> tools() {
		return toolbox.all().values().stream()
			.sorted(java.util.Comparator.comparing(t -> t.name()))
			.map(t -> new ToolDescription(t.name(), t.description(), t.effect().name().toLowerCase(Locale.ROOT),
					t.parametersSchema()))
			.toList();
	}

	/** A tool as clients see it. */
	public record ToolDescription(String name, String description, String effect, String parametersSchema) {
	}
}
