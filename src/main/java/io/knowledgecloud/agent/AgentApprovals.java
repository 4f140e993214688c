package io.knowledgecloud.agent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.agent.internal.AgentProblems.InvalidRun;
import io.knowledgecloud.agent.internal.ApprovalDecisions;
import io.knowledgecloud.agent.internal.ApprovalQueries;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/** The human side of governed writes: review, approve, reject, roll back. */
@Service
public class AgentApprovals {

	static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED", "EXPIRED", "CANCELLED", "ROLLED_BACK");

	private final ApprovalDecisions decisions;
	private final ApprovalQueries queries;
	private final WorkspaceAccess access;
	private final Cursors cursors;

	AgentApprovals(ApprovalDecisions decisions, ApprovalQueries queries, WorkspaceAccess access, Cursors cursors) {
		this.decisions = decisions;
		this.queries = queries;
		this.access = access;
		this.cursors = cursors;
	}

	/** The workspace's approval requests, newest first (editors and admins). */
	public CursorPage<Approval> list(WorkspaceId ws, CurrentUser caller, @Nullable String status,
			@Nullable String cursor, @Nullable Integer limit) {
		access.require(ws, caller, Role.EDITOR);
		if (status != null && !STATUSES.contains(status)) {
			throw new InvalidRun("invalid_status", "status must be one of " + STATUSES);
		}
		String scope = "agent-approvals:" + ws + ":" + status;
		var page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, queries.page(ws.value(), status, page), page,
				a -> List.of(a.requestedAt().toString(), a.id().toString()));
	}

	public Approval get(WorkspaceId ws, CurrentUser caller, UUID id) {
		return decisions.decidable(ws, caller, id);
	}

	public Approval approve(WorkspaceId ws, CurrentUser caller, UUID id, @Nullable String comment) {
		return decisions.approve(ws, caller, id, comment);
	}

	public Approval reject(WorkspaceId ws, CurrentUser caller, UUID id, @Nullable String reason) {
		return decisions.reject(ws, caller, id, reason);
	}

	public Approval rollback(WorkspaceId ws, CurrentUser caller, UUID id) {
		return decisions.rollback(ws, caller, id);
	}

	/** The approvals one run asked for. */
	public List<Approval> forRun(UUID runId) {
		return queries.forRun(runId);
	}
}
