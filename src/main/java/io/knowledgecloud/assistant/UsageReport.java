package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Assistant usage of a workspace over a period.
 *
 * @param rows one per day, model and user
 * @param monthToDateCost cost so far this UTC month
 * @param monthlyBudget the workspace's budget, or {@code null} when it has none
 */
public record UsageReport(LocalDate from, LocalDate to, List<Row> rows, long requests, long inputTokens,
		long outputTokens, BigDecimal cost, BigDecimal monthToDateCost, @org.jspecify.annotations.Nullable BigDecimal monthlyBudget) {

	public record Row(LocalDate day, String model, UUID userId, long requests, long inputTokens, long outputTokens,
			BigDecimal cost) {
	}
}
