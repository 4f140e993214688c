package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRunStatus;
import io.knowledgecloud.agent.AgentStep;
import io.knowledgecloud.platform.PageRequest;

/** What the public {@code AgentRuns} facade needs from the tables, without exposing them. */
@Component
public class RunControl {

	private final RunStore runs;
	private final StepStore steps;
	private final RunLifecycle lifecycle;
	private final Clock clock;

	RunControl(RunStore runs, StepStore steps, RunLifecycle lifecycle, Clock clock) {
		this.runs = runs;
		this.steps = steps;
		this.lifecycle = lifecycle;
		this.clock = clock;
	}

	/** Stores a new run and queues its first execution (in the caller's transaction). */
	public void insert(AgentRun run) {
		runs.insert(run);
		lifecycle.submit(run.id(), run.workspaceId());
	}

	public List<AgentRun> page(UUID workspaceId, UUID ownerId, @Nullable AgentRunStatus status, PageRequest request) {
		return runs.page(workspaceId, ownerId, status, request);
	}

	public List<AgentStep> steps(UUID runId, int afterSeq, int limit) {
		return steps.after(runId, afterSeq, limit).stream().map(Step::view).toList();
	}

	public void cancel(AgentRun run) {
		runs.requestCancel(run.id(), clock.instant());
		if (run.status() != AgentRunStatus.RUNNING) {
			lifecycle.cancel(run);
		}
	}
}
