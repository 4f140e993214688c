package io.knowledgecloud.assistant.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.assistant.UsageReport;

/** Table {@code assistant_usage}: requests, tokens and cost per workspace, user, model and UTC day. */
@Repository
public class UsageLedger {

	private final JdbcClient jdbc;
	private final Clock clock;

	UsageLedger(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(UUID workspaceId, UUID userId, String model, int input, int output, BigDecimal cost) {
		Date day = Date.valueOf(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
		for (int attempt = 0; attempt < 3; attempt++) {
			int updated = jdbc.sql("""
					UPDATE assistant_usage SET requests = requests + 1, input_tokens = input_tokens + ?,
					output_tokens = output_tokens + ?, cost = cost + ?
					WHERE workspace_id = ? AND usage_day = ? AND model = ? AND user_id = ?""")
				.params(input, output, cost, workspaceId, day, model, userId)
				.update();
			if (updated == 1) {
				return;
			}
			try {
				jdbc.sql("""
						INSERT INTO assistant_usage (workspace_id, user_id, model, usage_day, requests, input_tokens,
						output_tokens, cost) VALUES (?, ?, ?, ?, 1, ?, ?, ?)""")
					.params(workspaceId, userId, model, day, input, output, cost)
					.update();
				return;
			}
			catch (DuplicateKeyException e) {
				// another request inserted the row first: add to it
			}
		}
	}

	/** Cost so far this UTC month. */
	public BigDecimal monthToDate(UUID workspaceId) {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		BigDecimal cost = jdbc.sql("SELECT SUM(cost) FROM assistant_usage WHERE workspace_id = ? AND usage_day >= ?")
			.params(workspaceId, Date.valueOf(today.withDayOfMonth(1)))
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		return cost == null ? BigDecimal.ZERO : cost;
	}

	public List<UsageReport.Row> rows(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT usage_day, model, user_id, requests, input_tokens, output_tokens, cost FROM assistant_usage
				WHERE workspace_id = ? AND usage_day >= ? AND usage_day <= ? ORDER BY usage_day, model, user_id""")
			.params(workspaceId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, n) -> new UsageReport.Row(rs.getDate("usage_day").toLocalDate(), rs.getString("model"),
					rs.getObject("user_id", UUID.class), rs.getLong("requests"), rs.getLong("input_tokens"),
					rs.getLong("output_tokens"), rs.getBigDecimal("cost")))
			.list();
	}

	public void deleteWorkspace(UUID workspaceId) {
		jdbc.sql("DELETE FROM assistant_usage WHERE workspace_id = ?").param(workspaceId).update();
	}
}
