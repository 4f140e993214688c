package io.knowledgecloud.notify.internal.webhook;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** What can go wrong with webhook requests, as named facts. */
public final class WebhookProblems {

	private WebhookProblems() {
	}

	/** No such subscription in this workspace (also for other tenants' ids). */
	public static final class WebhookNotFound extends KnowledgeCloudException {
		WebhookNotFound() {
			super(HttpStatus.NOT_FOUND, "webhook_not_found", "No such webhook in this workspace.");
		}
	}

	/** No such delivery of this subscription. */
	public static final class DeliveryNotFound extends KnowledgeCloudException {
		DeliveryNotFound() {
			super(HttpStatus.NOT_FOUND, "delivery_not_found", "No such delivery of this webhook.");
		}
	}

	/** Redelivery asked for while the delivery still waits for an attempt or is being sent. */
	public static final class DeliveryInProgress extends KnowledgeCloudException {
		DeliveryInProgress() {
			super(HttpStatus.CONFLICT, "delivery_in_progress",
					"The delivery has not finished yet; redeliver it once it succeeded or failed.");
		}
	}

	/** Ping or redelivery on a disabled subscription: nothing would be sent. */
	public static final class WebhookDisabled extends KnowledgeCloudException {
		WebhookDisabled() {
			super(HttpStatus.CONFLICT, "webhook_disabled",
					"The webhook is disabled. Enable it with PATCH {\"enabled\": true} first.");
		}
	}

	/** An event type outside the catalogue. */
	public static final class UnknownEventType extends KnowledgeCloudException {
		UnknownEventType(String type) {
			super(HttpStatus.BAD_REQUEST, "unknown_event_type", "Unknown event type '" + type + "'. Known types: "
					+ String.join(", ", io.knowledgecloud.notify.internal.NotifyEvent.CATALOGUE) + ", or *.");
		}
	}

	/** The workspace has as many subscriptions as {@code kc.webhooks.max-per-workspace} allows. */
	public static final class TooManyWebhooks extends KnowledgeCloudException {
		TooManyWebhooks(int max) {
			super(HttpStatus.CONFLICT, "webhook_limit_reached", "A workspace can have at most " + max + " webhooks.");
		}
	}
}
