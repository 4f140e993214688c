package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.agent.internal.AgentProblems.ApprovalNeedsPerson;
import io.knowledgecloud.agent.internal.AgentProblems.ApprovalNotFound;
import io.knowledgecloud.agent.internal.AgentProblems.ApprovalNotPending;
import io.knowledgecloud.agent.internal.AgentProblems.NotRollbackable;
import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.Proposal;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.document.DocumentAuthoring;
import io.knowledgecloud.document.DocumentCatalog;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.identity.AuditLog;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Approve, reject, expire and roll back proposed writes. Only a person signed in (not an API key,
 * not the run) with the policy's role who can see the document decides; the first decision wins.
 * The decision becomes the observation of the tool call that asked, and the run continues.
 */
@Component
public class ApprovalDecisions {

	private static final Logger log = LoggerFactory.getLogger(ApprovalDecisions.class);

	private final ApprovalStore approvals;
	private final RunStore runs;
	private final PolicyStore policies;
	private final RunLifecycle lifecycle;
	private final Toolbox toolbox;
	private final WorkspaceAccess access;
	private final DocumentCatalog catalog;
	private final DocumentAuthoring authoring;
	private final AuditLog audit;
	private final TransactionTemplate tx;
	private final Clock clock;

	ApprovalDecisions(ApprovalStore approvals, RunStore runs, PolicyStore policies, RunLifecycle lifecycle,
			Toolbox toolbox, WorkspaceAccess access, DocumentCatalog catalog, DocumentAuthoring authoring,
			AuditLog audit, TransactionTemplate tx, Clock clock) {
		this.approvals = approvals;
		this.runs = runs;
		this.policies = policies;
		this.lifecycle = lifecycle;
		this.toolbox = toolbox;
		this.access = access;
		this.catalog = catalog;
		this.authoring = authoring;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	/** The approval if the caller may decide it (policy role, document visible). */
	public Approval decidable(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.fromJson(policies.find(ws.value()).approvalRole()));
		Approval approval = approvals.find(ws.value(), id).orElseThrow(ApprovalNotFound::new);
		catalog.visible(ws, caller, new DocumentId(approval.documentId()));
		return approval;
	}

	@Transactional
	public Approval approve(WorkspaceId ws, CurrentUser caller, UUID id, @Nullable String comment) {
		Approval approval = pending(ws, caller, id);
		Proposal proposal = approvals.proposal(id).orElseThrow(ApprovalNotFound::new);
		AgentTool tool = toolbox.all().get(approval.tool());
		if (tool == null || !approvals.decide(id, "APPROVED", caller.userId().value(), comment, clock.instant())) {
			throw new ApprovalNotPending("decided");
		}
		int version = tool.apply(new ToolInvocation(ws, caller, approval.runId(), Args.JSON.createObjectNode(),
				java.util.Set.of()), proposal);
		approvals.applied(id, version);
		audit.record("agent.write_approved", caller.userId(), null, ws.value(), null, "run " + approval.runId()
				+ ", approval " + id + ": " + approval.summary() + " → version " + version);
		lifecycle.resume(approval, "Approved by a reviewer" + (comment == null ? "" : " (\"" + RunStore.cut(comment, 300)
				+ "\")") + ": applied as version " + version + " of document " + approval.documentId() + ".",
				Args.json(Map.of("document_id", approval.documentId().toString(), "version", version)));
		return approvals.find(ws.value(), id).orElseThrow();
	}

	@Transactional
	public Approval reject(WorkspaceId ws, CurrentUser caller, UUID id, @Nullable String reason) {
		Approval approval = pending(ws, caller, id);
		if (!approvals.decide(id, "REJECTED", caller.userId().value(), reason, clock.instant())) {
			throw new ApprovalNotPending("decided");
		}
		audit.record("agent.write_rejected", caller.userId(), null, ws.value(), null,
				"run " + approval.runId() + ", approval " + id + ": " + approval.summary());
		lifecycle.resume(approval, "Rejected by a reviewer" + (reason == null ? "." : ": " + RunStore.cut(reason, 500)),
				null);
		return approvals.find(ws.value(), id).orElseThrow();
	}

	/** Restores the version before an applied write, as a new version. */
	@Transactional
	public Approval rollback(WorkspaceId ws, CurrentUser caller, UUID id) {
		caller.requirePerson();
		Approval approval = decidable(ws, caller, id);
		if (!"APPROVED".equals(approval.status()) || approval.appliedVersion() == null) {
			throw new NotRollbackable("Only an applied write can be rolled back; this one is " + approval.status() + ".");
		}
		DocumentId document = new DocumentId(approval.documentId());
		int current = authoring.current(ws, caller, document).version();
		if (current != approval.appliedVersion()) {
			throw new NotRollbackable("The document changed after the write (version " + current + " now, the write made "
					+ approval.appliedVersion() + "); restore a version from the document's history instead.");
		}
		int restored = authoring.restore(ws, caller, document, approval.baseVersion()).version();
		approvals.rolledBack(id, restored);
		audit.record("agent.write_rolled_back", caller.userId(), null, ws.value(), null, "approval " + id + ": version "
				+ approval.baseVersion() + " restored as version " + restored);
		return approvals.find(ws.value(), id).orElseThrow();
	}

	private Approval pending(WorkspaceId ws, CurrentUser caller, UUID id) {
		if (caller.viaApiKey()) {
			throw new ApprovalNeedsPerson("Approvals need a person signed in; API keys cannot decide them.");
		}
		Approval approval = decidable(ws, caller, id);
		if (!"PENDING".equals(approval.status())) {
			throw new ApprovalNotPending(approval.status());
		}
		if (clock.instant().isAfter(approval.expiresAt())) {
			expire(approval);
			throw new ApprovalNotPending("EXPIRED");
		}
		return approval;
	}

	/** Expires open requests past their time and fails runs past their deadline; each replica may run it. */
	@Scheduled(fixedDelayString = "${kc.agent.expiry-sweep:30s}", initialDelayString = "${kc.agent.expiry-sweep:30s}")
	public void sweep() {
		try {
			approvals.expired(clock.instant(), 100).forEach(this::expire);
			for (AgentRun run : runs.overdue(clock.instant(), 100)) {
				lifecycle.fail(run, "timeout", "The run exceeded its wall-clock limit.");
			}
		}
		catch (RuntimeException e) {
			log.warn("Agent sweep failed; retrying later: {}", e.toString());
		}
	}

	private void expire(Approval approval) {
		tx.executeWithoutResult(s -> {
			if (approvals.decide(approval.id(), "EXPIRED", null, "no decision before " + approval.expiresAt(),
					clock.instant())) {
				lifecycle.resume(approval, "The approval request expired without a decision; nothing was written.", null);
			}
		});
	}
}
