package io.knowledgecloud.notify.internal.webhook;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets finished deliveries after {@code kc.webhooks.retention}. Every replica may run it: the
 * deletes are idempotent, so no lock is needed.
 */
@Component
class DeliveryRetention {

	private final Deliveries deliveries;
	private final WebhookSettings settings;
	private final Clock clock;

	DeliveryRetention(Deliveries deliveries, WebhookSettings settings, Clock clock) {
		this.deliveries = deliveries;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	void purge() {
		deliveries.deleteFinishedBefore(clock.instant().minus(settings.retention()));
	}
}
