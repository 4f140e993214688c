package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A run as its owner sees it.
 *
 * @param planner {@code language_model} or {@code task_planner} (offline, deterministic)
 * @param result the final answer (Markdown) once SUCCEEDED
 */
public record AgentRun(UUID id, UUID workspaceId, UUID ownerId, String goal, List<String> tools, int maxSteps,
		long maxTokens, double maxCost, AgentRunStatus status, String planner, @Nullable String errorCode,
		@Nullable String errorMessage, @Nullable String result, long tokensUsed, double costUsed, int steps,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, Instant deadlineAt) {
}
