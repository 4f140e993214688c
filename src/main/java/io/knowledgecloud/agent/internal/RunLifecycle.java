package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.agent.AgentRunStatus;
import io.knowledgecloud.agent.AgentRunWaitingApproval;
import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.agent.spi.Proposal;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.jobs.Jobs;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Every change of a run's state, each in one transaction with the step it records and the event it
 * publishes, so the trace, the status and what webhooks and e-mails report never disagree.
 */
@Component
public class RunLifecycle {

	private final RunStore runs;
	private final StepStore steps;
	private final ApprovalStore approvals;
	private final UserDirectory users;
	private final WorkspaceAccess access;
	private final Jobs jobs;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate tx;
	private final AgentSettings settings;
	private final Clock clock;

	RunLifecycle(RunStore runs, StepStore steps, ApprovalStore approvals, UserDirectory users, WorkspaceAccess access,
			Jobs jobs, ApplicationEventPublisher events, TransactionTemplate tx, AgentSettings settings, Clock clock) {
		this.runs = runs;
		this.steps = steps;
		this.approvals = approvals;
		this.users = users;
		this.access = access;
		this.jobs = jobs;
		this.events = events;
		this.tx = tx;
		this.settings = settings;
		this.clock = clock;
	}

	/** The owner as a caller, while they exist and are still a member of the workspace. */
	Optional<CurrentUser> owner(AgentRun run) {
		UserId id = new UserId(run.ownerId());
		if (!access.isMember(new WorkspaceId(run.workspaceId()), id)) {
			return Optional.empty();
		}
		return users.find(id).map(u -> new CurrentUser(id, u.email(), null, null));
	}

	void record(AgentRun run, Step step) {
		tx.executeWithoutResult(s -> {
			steps.append(step);
			charge(run, step.tokens());
		});
	}

	void requestApproval(AgentRun run, Step step, Proposal proposal) {
		UUID approvalId = UUID.randomUUID();
		Instant now = clock.instant();
		Instant expires = now.plus(settings.approvalTtl());
		tx.executeWithoutResult(s -> {
			steps.append(new Step(step.runId(), step.seq(), step.agent(), step.kind(), step.thought(), step.tool(),
					step.callId(), step.arguments(), "Waiting for approval " + approvalId + ": " + proposal.summary(),
					step.summary(), Args.json(java.util.Map.of("approval_id", approvalId.toString())), step.tokens(),
					step.latencyMs(), step.createdAt()));
			charge(run, step.tokens());
			approvals.insert(approvalId, run.id(), run.workspaceId(), step.seq(), step.tool(), proposal, now, expires);
			runs.transition(run.id(), AgentRunStatus.RUNNING, AgentRunStatus.WAITING_APPROVAL, now);
			events.publishEvent(new AgentRunWaitingApproval(run.workspaceId(), run.id(), run.ownerId(), approvalId,
					step.tool(), proposal.summary(), expires));
		});
	}

	/**
	 * Records a decision on an approval as the observation of the call that asked for it and hands
	 * the run back to a worker. The time spent waiting does not count against the run's wall clock.
	 */
	void resume(Approval approval, String observation, @Nullable String data) {
		Instant now = clock.instant();
		int askedSeq = approvals.stepSeq(approval.id());
		Step asked = steps.all(approval.runId()).stream().filter(s -> s.seq() == askedSeq).findFirst().orElseThrow();
		steps.append(new Step(approval.runId(), steps.nextSeq(approval.runId()), asked.agent(), Step.APPROVAL_DECIDED,
				null, asked.tool(), asked.callId(), null, observation, RunStore.cut(observation, 300), data, 0, 0, now));
		Duration waited = Duration.between(approval.requestedAt(), now);
		if (runs.resumeAfterApproval(approval.runId(), waited, now)) {
			submit(approval.runId(), approval.workspaceId());
		}
	}

	/** Ends the run with its final step; {@code alongside} (storing its memory) commits with it. */
	/** Queues the run's next execution, remembering the job so a dead-lettered job fails its run. */
	public void submit(UUID runId, UUID workspaceId) {
		runs.job(runId, jobs.submit(AgentRunner.TYPE, workspaceId, runId.toString()));
	}

	void complete(AgentRun run, Step finish, @Nullable String failure, Runnable alongside) {
		tx.executeWithoutResult(s -> {
			steps.append(finish);
			charge(run, finish.tokens());
			AgentRunStatus status = failure == null ? AgentRunStatus.SUCCEEDED : AgentRunStatus.FAILED;
			if (runs.finish(run.id(), status, failure == null ? null : "agent_gave_up", failure, finish.observation(),
					clock.instant())) {
				alongside.run();
				published(run, status, failure);
			}
		});
	}

	void fail(AgentRun run, String code, String message) {
		end(run, AgentRunStatus.FAILED, code, message);
	}

	void cancel(AgentRun run) {
		end(run, AgentRunStatus.CANCELLED, null, null);
	}

	private void end(AgentRun run, AgentRunStatus status, @Nullable String code, @Nullable String message) {
		tx.executeWithoutResult(s -> {
			if (runs.finish(run.id(), status, code, message, null, clock.instant())) {
				approvals.cancelPending(run.id(), clock.instant());
				published(run, status, message);
			}
		});
	}

	private void published(AgentRun run, AgentRunStatus status, @Nullable String error) {
		events.publishEvent(new AgentRunFinished(run.workspaceId(), run.id(), run.ownerId(), status.name(), run.goal(),
				error, clock.instant()));
	}

	private void charge(AgentRun run, int tokens) {
		if (tokens > 0) {
			runs.addUsage(run.id(), tokens, tokens * settings.pricePerMillionTokens() / 1_000_000.0);
		}
	}
}
