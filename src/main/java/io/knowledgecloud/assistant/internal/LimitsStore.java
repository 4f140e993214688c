package io.knowledgecloud.assistant.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.assistant.AssistantLimits;

/** Table {@code assistant_workspace_settings}. */
@Repository
public class LimitsStore {

	private final JdbcClient jdbc;
	private final Clock clock;

	LimitsStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public AssistantLimits find(UUID workspaceId) {
		return jdbc.sql("SELECT monthly_budget, over_budget, requests_per_minute FROM assistant_workspace_settings "
				+ "WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> new AssistantLimits(rs.getBigDecimal(1), rs.getString(2),
					rs.getObject(3) == null ? null : rs.getInt(3)))
			.optional()
			.orElse(AssistantLimits.NONE);
	}

	public void save(UUID workspaceId, AssistantLimits limits, UUID by) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql("""
				UPDATE assistant_workspace_settings SET monthly_budget = ?, over_budget = ?, requests_per_minute = ?,
				updated_by = ?, updated_at = ? WHERE workspace_id = ?""")
			.params(limits.monthlyBudget(), limits.overBudget(), limits.requestsPerMinute(), by, now, workspaceId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO assistant_workspace_settings (workspace_id, monthly_budget, over_budget,
					requests_per_minute, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)""")
				.params(workspaceId, limits.monthlyBudget(), limits.overBudget(), limits.requestsPerMinute(), by, now)
				.update();
		}
	}

	public void deleteWorkspace(UUID workspaceId) {
		jdbc.sql("DELETE FROM assistant_workspace_settings WHERE workspace_id = ?").param(workspaceId).update();
	}
}
