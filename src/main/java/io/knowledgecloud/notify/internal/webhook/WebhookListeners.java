package io.knowledgecloud.notify.internal.webhook;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.agent.AgentRunWaitingApproval;
import io.knowledgecloud.document.IngestionReport;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.notify.internal.NotifyEvent;

/**
 * Queues a delivery per interested subscription for each event, after the publishing transaction
 * commits. Idempotent: the event id is derived from the event, and a subscription holds at most
 * one delivery per event id, so a resubmitted publication queues nothing new.
 */
@Component
class WebhookListeners {

	private final DeliveryQueue queue;

	WebhookListeners(DeliveryQueue queue) {
		this.queue = queue;
	}

	@ApplicationModuleListener
	void on(IngestionReport.Indexed event) {
		queue.publish(NotifyEvent.of(event));
	}

	@ApplicationModuleListener
	void on(IngestionReport.Failed event) {
		queue.publish(NotifyEvent.of(event));
	}

	@ApplicationModuleListener
	void on(AgentRunWaitingApproval event) {
		queue.publish(NotifyEvent.of(event));
	}

	@ApplicationModuleListener
	void on(AgentRunFinished event) {
		queue.publish(NotifyEvent.of(event));
	}

	@ApplicationModuleListener
	void on(JobFailed event) {
		if (event.workspaceId() != null) { // system jobs belong to no workspace, so to no subscription
			queue.publish(NotifyEvent.of(event, event.workspaceId()));
		}
	}
}
