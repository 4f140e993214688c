package io.knowledgecloud.agent.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.agent.AgentApprovals;
import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRuns;
import io.knowledgecloud.agent.AgentStep;
import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.agent.RunRequest;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Agent runs: start, list, trace (JSON and live), cancel. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/agent-runs")
@Tag(name = "Agents")
class AgentRunController {

	record Budget(@Nullable Long maxTokens, @Nullable Double maxCost) {
	}

	record NewRun(@Nullable @Size(max = 4000) String goal, @Nullable @Size(max = 50) List<String> tools,
			@Nullable Integer maxSteps, @Nullable Budget budget, @Nullable Integer timeoutSeconds) {
	}

	private final AgentRuns runs;
	private final AgentApprovals approvals;

	AgentRunController(AgentRuns runs, AgentApprovals approvals) {
		this.runs = runs;
		this.approvals = approvals;
	}

	@PostMapping
	@Operation(summary = "Start an agent run", description = "Returns 202 at once; the run executes on a worker. "
			+ "`tools` limits the tools (default: all the workspace allows); `max_steps`, `budget.max_tokens`, "
			+ "`budget.max_cost` and `timeout_seconds` bound it. Without a language model the offline task planner runs "
			+ "the built-in tasks: \"report on X\", \"compare A and B\", \"summarise X\" (or a URL), "
			+ "\"update X: replace \\\"a\\\" with \\\"b\\\"\" / \"append \\\"text\\\"\".")
	ResponseEntity<AgentRun> start(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody NewRun body) {
		AgentRun run = runs.start(new WorkspaceId(ws), user, new RunRequest(body.goal() == null ? "" : body.goal(),
				body.tools(), body.maxSteps(), body.budget() == null ? null : body.budget().maxTokens(),
				body.budget() == null ? null : body.budget().maxCost(), body.timeoutSeconds()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/workspaces/" + ws + "/agent-runs/" + run.id()))
			.body(run);
	}

	@GetMapping
	@Operation(summary = "List my agent runs", description = "Newest first; filter with `status`.")
	CursorPage<AgentRun> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return runs.list(new WorkspaceId(ws), user, AgentRuns.status(status), cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an agent run")
	AgentRun get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return runs.get(new WorkspaceId(ws), user, id);
	}

	@GetMapping("/{id}/steps")
	@Operation(summary = "A run's trace", description = "Each step: agent (supervisor, researcher, writer), kind, "
			+ "thought, tool, arguments, observation, summary, tokens and latency; in order.")
	CursorPage<AgentStep> steps(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return runs.steps(new WorkspaceId(ws), user, id, cursor, limit);
	}

	@GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Follow a run live (Server-Sent Events)", description = "`step` events (id = step number; "
			+ "reconnect with `Last-Event-ID`), `status` events, and `end` when the run finished.")
	SseEmitter events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		int after = 0;
		if (lastEventId != null && lastEventId.matches("\\d{1,9}")) {
			after = Integer.parseInt(lastEventId);
		}
		return runs.events(new WorkspaceId(ws), user, id, after);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a run", description = "Queued or waiting runs are cancelled at once (open approval "
			+ "requests with them); a running run stops before its next step. 409 when it already finished.")
	ResponseEntity<AgentRun> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.cancel(new WorkspaceId(ws), user, id));
	}

	@GetMapping("/{id}/approvals")
	@Operation(summary = "The approval requests of a run")
	List<Approval> approvals(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		runs.get(new WorkspaceId(ws), user, id);
		return approvals.forRun(id);
	}
}
