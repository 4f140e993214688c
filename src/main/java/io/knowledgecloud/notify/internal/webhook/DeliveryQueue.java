package io.knowledgecloud.notify.internal.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.knowledgecloud.notify.internal.NotifyEvent;
import io.knowledgecloud.platform.AfterTransaction;
import tools.jackson.databind.json.JsonMapper;

/** Turns events into deliveries for the subscriptions that want them, and wakes the worker once they commit. */
@Component
class DeliveryQueue {

	private final Webhooks webhooks;
	private final Deliveries deliveries;
	private final DeliveryWorker worker;
	private final JsonMapper json;
	private final Clock clock;

	DeliveryQueue(Webhooks webhooks, Deliveries deliveries, DeliveryWorker worker, JsonMapper json, Clock clock) {
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.worker = worker;
		this.json = json;
		this.clock = clock;
	}

	/** One delivery per enabled subscription of the event's workspace that wants its type. */
	void publish(NotifyEvent event) {
		Instant now = clock.instant();
		for (Webhook w : webhooks.enabledIn(event.workspaceId())) {
			if (w.wants(event.type())) {
				enqueue(w, event, now);
			}
		}
	}

	/** The delivery of {@code event} to {@code w}, queued now or earlier (the same event seen twice). */
	Optional<Delivery> enqueue(Webhook w, NotifyEvent event, Instant now) {
		if (deliveries.enqueue(w.id(), event, payload(event), now)) {
			wakeAfterCommit();
		}
		return deliveries.findByEvent(w.id(), event.id());
	}

	/** Wakes the worker of this replica when the current transaction commits (at once without one). */
	void wakeAfterCommit() {
		AfterTransaction.commit(worker::wake);
	}

	/** The body receivers get: {@code id, type, created_at, workspace_id, data}. */
	private String payload(NotifyEvent event) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("id", event.id());
		body.put("type", event.type());
		body.put("created_at", event.at().toString());
		body.put("workspace_id", event.workspaceId().toString());
		body.put("data", event.data());
		return json.writeValueAsString(body);
	}
}
