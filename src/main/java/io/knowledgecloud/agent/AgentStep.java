package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of a run's trace.
 *
 * @param agent {@code supervisor}, {@code researcher} or {@code writer}
 * @param kind {@code delegate}, {@code tool}, {@code approval_requested}, {@code approval_decided},
 *     {@code finish}, {@code error}
 * @param tokens tokens the step cost (reported by the model, or estimated by the offline planner)
 */
public record AgentStep(UUID runId, int seq, String agent, String kind, @Nullable String thought,
		@Nullable String tool, @Nullable String arguments, @Nullable String observation, @Nullable String summary,
		int tokens, long latencyMs, Instant createdAt) {
}
