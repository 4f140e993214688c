package io.knowledgecloud.agent.web;

import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.agent.AgentApprovals;
import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Governed writes: people review what agents want to change. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/agent-approvals")
@Tag(name = "Agents")
class ApprovalController {

	record Decision(@Nullable @Size(max = 2000) String comment, @Nullable @Size(max = 2000) String reason) {
	}

	private final AgentApprovals approvals;

	ApprovalController(AgentApprovals approvals) {
		this.approvals = approvals;
	}

	@GetMapping
	@Operation(summary = "List approval requests", description = "Newest first; `status=PENDING` for the queue. "
			+ "Editors and admins.")
	CursorPage<Approval> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return approvals.list(new WorkspaceId(ws), user, status, cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an approval request", description = "With `preview`, a unified diff of the change.")
	Approval get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return approvals.get(new WorkspaceId(ws), user, id);
	}

	@PostMapping("/{id}/approve")
	@Operation(summary = "Approve and apply", description = "Writes the change as a new document version and lets the "
			+ "run continue. Needs a signed-in person (not an API key) with the workspace's approval role who can see "
			+ "the document. 409 `document_changed` when the document moved on since the proposal.")
	Approval approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable Decision body) {
		return approvals.approve(new WorkspaceId(ws), user, id, body == null ? null : body.comment());
	}

	@PostMapping("/{id}/reject")
	@Operation(summary = "Reject", description = "Nothing is written; the run continues with the rejection (and "
			+ "`reason`) as the result of its tool call.")
	Approval reject(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestBody(required = false) @Nullable Decision body) {
		return approvals.reject(new WorkspaceId(ws), user, id, body == null ? null : body.reason());
	}

	@PostMapping("/{id}/rollback")
	@Operation(summary = "Roll back an applied write", description = "Restores the version before the write as a new "
			+ "version, if the document has not changed since.")
	Approval rollback(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return approvals.rollback(new WorkspaceId(ws), user, id);
	}
}
