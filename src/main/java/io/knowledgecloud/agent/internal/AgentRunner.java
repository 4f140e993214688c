package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRunStatus;
import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.assistant.ChatCompletions;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.jobs.JobContext;
import io.knowledgecloud.jobs.JobHandler;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Executes runs: the job {@code agent-run} carries a run id; each execution continues the run from
 * its stored steps until it finishes, pauses for an approval, or the worker dies (then the job is
 * run again elsewhere and continues from the last stored step). Guardrails are checked before
 * every decision: cancellation, wall clock, budget, steps.
 */
@Component
public class AgentRunner implements JobHandler {

	public static final String TYPE = "agent-run";
	private static final Logger log = LoggerFactory.getLogger(AgentRunner.class);

	private final RunStore runs;
	private final StepStore steps;
	private final RunLifecycle lifecycle;
	private final Toolbox toolbox;
	private final ChatCompletions chat;
	private final AgentMemories memories;
	private final AgentSettings settings;
	private final Clock clock;

	AgentRunner(RunStore runs, StepStore steps, RunLifecycle lifecycle, Toolbox toolbox, ChatCompletions chat,
			AgentMemories memories, AgentSettings settings, Clock clock) {
		this.runs = runs;
		this.steps = steps;
		this.lifecycle = lifecycle;
		this.toolbox = toolbox;
		this.chat = chat;
		this.memories = memories;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public int maxAttempts() {
		return 3;
	}

	@Override
	public Duration firstRetryDelay() {
		return Duration.ofSeconds(5);
	}

	@Override
	public void run(JobContext job) {
		UUID runId = UUID.fromString(job.payload());
		try {
			execute(runId);
		}
		catch (DuplicateKeyException e) {
			log.info("Run {} is being continued by another worker; this one stops", runId);
		}
	}

	/** The job gave up (every attempt failed): the run fails instead of staying open. */
	@ApplicationModuleListener
	void on(JobFailed event) {
		if (TYPE.equals(event.type())) {
			runs.byJob(event.jobId()).ifPresent(run -> lifecycle.fail(run, "worker_failed",
					"The run's worker failed " + event.attempts() + " times: " + RunStore.cut(event.error(), 500)));
		}
	}

	void execute(UUID runId) {
		AgentRun run = runs.find(runId).orElse(null);
		if (run == null || run.status().finished() || run.status() == AgentRunStatus.WAITING_APPROVAL) {
			return;
		}
		runs.transition(runId, AgentRunStatus.PENDING, AgentRunStatus.RUNNING, clock.instant());
		CurrentUser owner = lifecycle.owner(run).orElse(null);
		if (owner == null) {
			lifecycle.fail(run, "owner_missing", "The run's owner no longer exists or left the workspace.");
			return;
		}
		Map<String, AgentTool> tools = toolbox.forRun(run);
		List<String> recalled = memories.recall(run, steps.all(runId));
		for (int guard = 0; guard < run.maxSteps() * 4 + 10; guard++) {
			run = runs.find(runId).orElseThrow();
			if (run.status() != AgentRunStatus.RUNNING) {
				return;
			}
			if (runs.cancelRequested(runId)) {
				lifecycle.cancel(run);
				return;
			}
			String stop = limitReached(run);
			if (stop != null) {
				lifecycle.fail(run, stop, switch (stop) {
					case "timeout" -> "The run exceeded its wall-clock limit.";
					case "max_steps_exceeded" -> "The run used all of its " + run.maxSteps() + " steps.";
					default -> "The run used its budget: " + run.tokensUsed() + " of " + run.maxTokens() + " tokens, cost "
							+ run.costUsed() + " of " + run.maxCost() + ".";
				});
				return;
			}
			List<Step> trace = steps.all(runId);
			Decision decision;
			try {
				decision = decide(run, trace, tools, recalled);
			}
			catch (ChatModelFailed e) {
				if (e.retryable()) {
					throw e; // the job is retried with back-off; when it gives up the run fails (worker_failed)
				}
				lifecycle.fail(run, "model_failed", "The language model refused the request: " + e.getMessage());
				return;
			}
			if (!apply(run, owner, tools, trace, decision)) {
				return;
			}
		}
		lifecycle.fail(run, "max_steps_exceeded", "The run did not converge.");
	}

	private @Nullable String limitReached(AgentRun run) {
		if (clock.instant().isAfter(run.deadlineAt())) {
			return "timeout";
		}
		if (run.tokensUsed() > run.maxTokens() || run.costUsed() > run.maxCost()) {
			return "budget_exceeded";
		}
		return run.steps() >= run.maxSteps() ? "max_steps_exceeded" : null;
	}

	private Decision decide(AgentRun run, List<Step> trace, Map<String, AgentTool> tools, List<String> recalled) {
		if ("language_model".equals(run.planner())) {
			return ModelPlanner.next(chat.forWorkspace(run.workspaceId()), run.goal(), trace, tools, recalled);
		}
		return TaskPlanner.next(run.goal(), trace, recalled);
	}

	/** Records the decision; false when the run stopped (finished or paused). */
	private boolean apply(AgentRun run, CurrentUser owner, Map<String, AgentTool> tools, List<Step> trace,
			Decision decision) {
		int seq = steps.nextSeq(run.id());
		switch (decision) {
			case Decision.Delegate d -> lifecycle.record(run, new Step(run.id(), seq, Scope.SUPERVISOR, Step.DELEGATE,
					d.thought(), ModelPlanner.DELEGATE, d.callId(), Args.json(Map.of("agent", d.to(), "task", d.task())),
					null, "delegated to the " + d.to() + ": " + RunStore.cut(d.task(), 200), null, d.tokens(), 0,
					clock.instant()));
			case Decision.Finish f -> {
				String data = f.failure() != null ? Args.json(Map.of("failure", f.failure())) : f.data();
				Step step = new Step(run.id(), seq, f.agent(), Step.FINISH, null, null, null, null, f.answer(),
						RunStore.cut(f.answer(), 300), data, f.tokens(), 0, clock.instant());
				if (Scope.SUPERVISOR.equals(f.agent())) {
					Runnable remember = f.failure() == null ? memories.prepare(run, f.answer()) : () -> {
					};
					lifecycle.complete(run, step, f.failure(), remember);
					return false;
				}
				lifecycle.record(run, step);
			}
			case Decision.Call c -> {
				return call(run, owner, tools, trace, c, seq);
			}
		}
		return true;
	}

	private boolean call(AgentRun run, CurrentUser owner, Map<String, AgentTool> tools, List<Step> trace,
			Decision.Call c, int seq) {
		AgentTool tool = tools.get(c.tool());
		long started = System.nanoTime();
		ToolResult result;
		try {
			if (tool == null || !Roles.allows(c.agent(), tool)) {
				throw new ToolFailure("tool_not_allowed", "the " + c.agent() + " may not call '" + c.tool()
						+ "' in this run; allowed: " + String.join(", ", tools.keySet()));
			}
			var args = Args.JSON.readTree(c.arguments());
			if (!args.isObject()) {
				throw new ToolFailure("invalid_arguments", "arguments must be a JSON object");
			}
			result = tool.call(new ToolInvocation(new WorkspaceId(run.workspaceId()), owner, run.id(), args,
					toolbox.httpAllowList(run.workspaceId())));
		}
		catch (ToolFailure e) {
			result = ToolResult.of("Error (" + e.code() + "): " + e.getMessage(), "failed: " + e.code(), "{}");
		}
		catch (tools.jackson.core.JacksonException e) {
			result = ToolResult.of("Error (invalid_arguments): arguments are not valid JSON", "failed: invalid_arguments",
					"{}");
		}
		catch (KnowledgeCloudException e) {
			result = ToolResult.of("Error (" + e.code() + "): " + e.getMessage(), "failed: " + e.code(), "{}");
		}
		long latency = (System.nanoTime() - started) / 1_000_000;
		int tokens = c.tokens() + ("task_planner".equals(run.planner()) ? result.observation().length() / 4 : 0);
		if (result.proposal() != null) {
			lifecycle.requestApproval(run, new Step(run.id(), seq, c.agent(), Step.APPROVAL_REQUESTED, c.thought(),
					c.tool(), c.callId(), c.arguments(), null, result.summary(), result.data(), tokens, latency,
					clock.instant()), result.proposal());
			return false;
		}
		lifecycle.record(run, new Step(run.id(), seq, c.agent(), Step.TOOL, c.thought(), c.tool(), c.callId(),
				c.arguments(), RunStore.cut(result.observation(), 20_000), result.summary(), result.data(), tokens,
				latency, clock.instant()));
		if (result.observation().startsWith("Error") && failedInARow(trace, c.tool()) >= settings.toolRetries()) {
			lifecycle.fail(run, "tool_failed", "'" + c.tool() + "' failed " + (settings.toolRetries() + 1)
					+ " times in a row; last: " + RunStore.cut(result.observation(), 500));
			return false;
		}
		return true;
	}

	private static int failedInARow(List<Step> trace, String tool) {
		int n = 0;
		for (int i = trace.size() - 1; i >= 0; i--) {
			Step s = trace.get(i);
			if (!Step.TOOL.equals(s.kind()) || !tool.equals(s.tool()) || !TaskPlanner.isError(s)) {
				break;
			}
			n++;
		}
		return n;
	}
}
