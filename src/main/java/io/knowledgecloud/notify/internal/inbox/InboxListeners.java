package io.knowledgecloud.notify.internal.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.agent.AgentRunWaitingApproval;
import io.knowledgecloud.document.IngestionReport;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.notify.internal.Mail;
import io.knowledgecloud.notify.internal.Mailer;
import io.knowledgecloud.notify.internal.NotifyEvent;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Fills inboxes from other modules' events, after their transactions commit. Recipients are the
 * people the event names (a run's owner); failures that name nobody (a job, a document's
 * ingestion: their events carry no user) go to the workspace's admins and owners. Idempotent: one
 * notification per user and event id; the approval e-mail goes out only with a new notification.
 */
@Component
class InboxListeners {

	private final Inbox inbox;
	private final WorkspaceAccess access;
	private final UserDirectory users;
	private final Mailer mailer;
	private final Clock clock;

	InboxListeners(Inbox inbox, WorkspaceAccess access, UserDirectory users, Mailer mailer, Clock clock) {
		this.inbox = inbox;
		this.access = access;
		this.users = users;
		this.mailer = mailer;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(AgentRunWaitingApproval e) {
		String title = "An agent run waits for your approval";
		String body = "The run wants to use " + e.tool() + ": " + e.summary() + ". Approve or reject it before "
				+ e.expiresAt() + ".";
		if (inbox.add(e.ownerId(), NotifyEvent.of(e), title, body, clock.instant())) {
			users.find(new UserId(e.ownerId())).ifPresent(owner -> mailer.send(new Mail(owner.email(),
					"Approval needed: " + e.tool(), body + "\n\nRun: " + e.runId() + "\nApproval: " + e.approvalId()
							+ "\nWorkspace: " + e.workspaceId() + "\n")));
		}
	}

	@ApplicationModuleListener
	void on(AgentRunFinished e) {
		String status = e.status().toLowerCase(java.util.Locale.ROOT);
		String body = e.goal() + (e.error() == null ? "" : "\n" + e.error());
		inbox.add(e.ownerId(), NotifyEvent.of(e), "Agent run " + status, body, clock.instant());
	}

	@ApplicationModuleListener
	void on(JobFailed e) {
		if (e.workspaceId() == null) {
			return; // a system job: no workspace, so nobody to tell in-app (it is logged and in the jobs API)
		}
		toAdmins(NotifyEvent.of(e, e.workspaceId()), "Job " + e.type() + " failed",
				"It failed " + e.attempts() + " times and was given up: " + e.error());
	}

	@ApplicationModuleListener
	void on(IngestionReport.Failed e) {
		toAdmins(NotifyEvent.of(e), "A document could not be indexed", "Document " + e.documentId().value()
				+ " (version " + e.version() + ") failed: " + e.code() + " – " + e.message());
	}

	private void toAdmins(NotifyEvent event, String title, String body) {
		Instant now = clock.instant();
		List<UserId> admins = access.membersWithRole(new WorkspaceId(event.workspaceId()), Role.ADMIN);
		for (UserId admin : admins) {
			inbox.add(admin.value(), event, title, body, now);
		}
	}
}
