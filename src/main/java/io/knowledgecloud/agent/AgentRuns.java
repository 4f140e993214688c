package io.knowledgecloud.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.agent.internal.AgentProblems.InvalidRun;
import io.knowledgecloud.agent.internal.AgentProblems.RunFinished;
import io.knowledgecloud.agent.internal.AgentProblems.RunNotFound;
import io.knowledgecloud.agent.internal.AgentSettings;
import io.knowledgecloud.agent.internal.RunControl;
import io.knowledgecloud.agent.internal.RunStore;
import io.knowledgecloud.agent.internal.RunTraceStream;
import io.knowledgecloud.agent.internal.Toolbox;
import io.knowledgecloud.assistant.ChatCompletions;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/** Start, watch and cancel agent runs. Editors and admins start runs; a run is visible to its owner and admins. */
@Service
public class AgentRuns {

	static final int MAX_GOAL = 4000;

	private final RunStore runs;
	private final RunControl control;
	private final Toolbox toolbox;
	private final ChatCompletions chat;
	private final WorkspaceAccess access;
	private final Cursors cursors;
	private final AgentSettings settings;
	private final Clock clock;
	private final RunTraceStream trace;

	AgentRuns(RunStore runs, RunControl control, Toolbox toolbox, ChatCompletions chat, WorkspaceAccess access,
			Cursors cursors, AgentSettings settings, Clock clock, RunTraceStream trace) {
		this.trace = trace;
		this.runs = runs;
		this.control = control;
		this.toolbox = toolbox;
		this.chat = chat;
		this.access = access;
		this.cursors = cursors;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public AgentRun start(WorkspaceId ws, CurrentUser caller, RunRequest request) {
		access.require(ws, caller, Role.EDITOR);
		String goal = request.goal() == null ? "" : request.goal().strip();
		if (goal.isEmpty() || goal.length() > MAX_GOAL) {
			throw new InvalidRun("invalid_goal", "goal must be 1 to " + MAX_GOAL + " characters");
		}
		int maxSteps = request.maxSteps() == null ? settings.defaultMaxSteps() : request.maxSteps();
		if (maxSteps < 1 || maxSteps > settings.maxSteps()) {
			throw new InvalidRun("invalid_max_steps", "max_steps must be 1 to " + settings.maxSteps());
		}
		long maxTokens = request.maxTokens() == null ? settings.defaultMaxTokens() : request.maxTokens();
		double maxCost = request.maxCost() == null ? settings.defaultMaxCost() : request.maxCost();
		if (maxTokens < 1 || maxCost < 0 || Double.isNaN(maxCost)) {
			throw new InvalidRun("invalid_budget", "budget.max_tokens must be positive and budget.max_cost not negative");
		}
		Duration timeout = request.timeoutSeconds() == null ? settings.timeout()
				: Duration.ofSeconds(request.timeoutSeconds());
		if (timeout.toSeconds() < 1 || timeout.compareTo(settings.timeout()) > 0) {
			throw new InvalidRun("invalid_timeout", "timeout_seconds must be 1 to " + settings.timeout().toSeconds());
		}
		List<String> tools = toolbox.effective(ws.value(), request.tools());
		Instant now = clock.instant();
		String planner = chat.forWorkspace(ws.value()).languageModel() ? "language_model" : "task_planner";
		var run = new AgentRun(UUID.randomUUID(), ws.value(), caller.userId().value(), goal, tools, maxSteps, maxTokens,
				maxCost, AgentRunStatus.PENDING, planner, null, null, null, 0, 0, 0, now, null, null, now.plus(timeout));
		control.insert(run);
		return run;
	}

	public AgentRun get(WorkspaceId ws, CurrentUser caller, UUID id) {
		Role role = access.require(ws, caller, Role.VIEWER);
		AgentRun run = runs.find(ws.value(), id).orElseThrow(RunNotFound::new);
		if (!run.ownerId().equals(caller.userId().value()) && !role.atLeast(Role.ADMIN)) {
			throw new RunNotFound();
		}
		return run;
	}

	/** The caller's runs, newest first. */
	public CursorPage<AgentRun> list(WorkspaceId ws, CurrentUser caller, @Nullable AgentRunStatus status,
			@Nullable String cursor, @Nullable Integer limit) {
		access.require(ws, caller, Role.VIEWER);
		String scope = "agent-runs:" + ws + ":" + caller.userId().value() + ":" + status;
		var page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, control.page(ws.value(), caller.userId().value(), status, page), page,
				r -> List.of(r.createdAt().toString(), r.id().toString()));
	}

	/** Steps in order, after {@code cursor}. */
	public CursorPage<AgentStep> steps(WorkspaceId ws, CurrentUser caller, UUID id, @Nullable String cursor,
			@Nullable Integer limit) {
		get(ws, caller, id);
		String scope = "agent-steps:" + id;
		var page = cursors.request(scope, cursor, limit);
		int after = page.first() ? 0 : Integer.parseInt(page.after(0));
		return cursors.page(scope, control.steps(id, after, page.limit() + 1), page,
				s -> List.of(String.valueOf(s.seq())));
	}

	/** The run's trace as Server-Sent Events, after step {@code lastSeq}. */
	public SseEmitter events(WorkspaceId ws, CurrentUser caller, UUID id, int lastSeq) {
		return trace.subscribe(get(ws, caller, id), lastSeq);
	}

	/** Parses a status filter; unknown values are a 400. */
	public static @Nullable AgentRunStatus status(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return AgentRunStatus.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRun("invalid_status", "status must be one of " + java.util.Arrays.toString(AgentRunStatus.values()));
		}
	}

	/** Cancels at once when the run is queued or waiting; a running run stops before its next step. */
	public AgentRun cancel(WorkspaceId ws, CurrentUser caller, UUID id) {
		AgentRun run = get(ws, caller, id);
		if (run.status().finished()) {
			throw new RunFinished(run.status().name());
		}
		control.cancel(run);
		return runs.find(id).orElseThrow();
	}
}
