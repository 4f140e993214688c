package io.knowledgecloud.agent.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.agent.AgentStep;

/**
 * A stored step with what the planner needs besides the public trace: the model's call id and the
 * tool's structured result. A run's state is nothing but its steps, so a run resumed on another
 * replica (or after a crash) continues from exactly here.
 */
record Step(UUID runId, int seq, String agent, String kind, @Nullable String thought, @Nullable String tool,
		@Nullable String callId, @Nullable String arguments, @Nullable String observation, @Nullable String summary,
		@Nullable String data, int tokens, long latencyMs, Instant createdAt) {

	static final String DELEGATE = "delegate";
	static final String TOOL = "tool";
	static final String APPROVAL_REQUESTED = "approval_requested";
	static final String APPROVAL_DECIDED = "approval_decided";
	static final String FINISH = "finish";
	static final String MEMORY = "memory";

	AgentStep view() {
		return new AgentStep(runId, seq, agent, kind, thought, tool, arguments, observation, summary, tokens, latencyMs,
				createdAt);
	}
}
