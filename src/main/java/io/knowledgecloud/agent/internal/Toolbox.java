package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentPolicy;
import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.internal.AgentProblems.InvalidRun;
import io.knowledgecloud.agent.spi.AgentTool;

/** The registered tools, and which of them a run may use (request ∩ workspace policy). */
@Component
public class Toolbox {

	private final Map<String, AgentTool> tools = new TreeMap<>();
	private final PolicyStore policies;

	Toolbox(List<AgentTool> tools, PolicyStore policies) {
		tools.forEach(t -> this.tools.put(t.name(), t));
		this.policies = policies;
	}

	public Map<String, AgentTool> all() {
		return Map.copyOf(tools);
	}

	Map<String, AgentTool> forRun(AgentRun run) {
		Map<String, AgentTool> allowed = new LinkedHashMap<>();
		for (String name : run.tools()) {
			AgentTool tool = tools.get(name);
			if (tool != null) {
				allowed.put(name, tool);
			}
		}
		return allowed;
	}

	Set<String> httpAllowList(UUID workspaceId) {
		return new LinkedHashSet<>(policies.find(workspaceId).httpAllowList());
	}

	/** The tools a new run gets: those requested (default: all), all known and allowed by the policy. */
	public List<String> effective(UUID workspaceId, @Nullable List<String> requested) {
		AgentPolicy policy = policies.find(workspaceId);
		List<String> wanted = requested == null ? new ArrayList<>(tools.keySet()) : requested;
		List<String> result = new ArrayList<>();
		for (String name : wanted) {
			if (!tools.containsKey(name)) {
				throw new InvalidRun("unknown_tool", "Unknown tool '" + RunStore.cut(name, 60) + "'; known: "
						+ String.join(", ", tools.keySet()));
			}
			if (policy.allowedTools() != null && !policy.allowedTools().contains(name)) {
				if (requested != null) {
					throw new InvalidRun("tool_not_allowed", "The workspace does not allow agents to use '" + name + "'.");
				}
				continue;
			}
			if (!result.contains(name)) {
				result.add(name);
			}
		}
		return result;
	}
}
