package io.knowledgecloud.agent.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.agent.AgentPolicy;

/** Table {@code agent_workspace_policies}; a workspace without a row has the default policy. */
@Repository
public class PolicyStore {

	static final AgentPolicy DEFAULT = new AgentPolicy(null, "editor", List.of());

	private final JdbcClient jdbc;

	PolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public AgentPolicy find(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM agent_workspace_policies WHERE workspace_id = ?")
			.params(workspaceId)
			.query((rs, n) -> new AgentPolicy(split(rs.getString("allowed_tools")), rs.getString("approval_role"),
					split(rs.getString("http_allow_list"))))
			.optional()
			.orElse(DEFAULT);
	}

	public void save(UUID workspaceId, AgentPolicy policy, Instant now) {
		String tools = policy.allowedTools() == null ? null : String.join(",", policy.allowedTools());
		String hosts = String.join(",", policy.httpAllowList());
		if (jdbc.sql("UPDATE agent_workspace_policies SET allowed_tools = ?, approval_role = ?, http_allow_list = ?, "
				+ "updated_at = ? WHERE workspace_id = ?")
			.params(tools, policy.approvalRole(), hosts, Timestamp.from(now), workspaceId)
			.update() == 0) {
			jdbc.sql("INSERT INTO agent_workspace_policies (workspace_id, allowed_tools, approval_role, http_allow_list, "
					+ "updated_at) VALUES (?, ?, ?, ?, ?)")
				.params(workspaceId, tools, policy.approvalRole(), hosts, Timestamp.from(now))
				.update();
		}
	}

	public void delete(UUID workspaceId) {
		jdbc.sql("DELETE FROM agent_workspace_policies WHERE workspace_id = ?").params(workspaceId).update();
	}

	@SuppressWarnings("NullAway")
	private static List<String> split(String value) {
		if (value == null) {
			return null;
		}
		return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
	}
}
