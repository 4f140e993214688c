package io.knowledgecloud.notify.internal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.BackgroundService;

/**
 * Sends due deliveries: one polling thread per replica claims them (a lease in the table, so
 * replicas never send the same delivery at once) and hands each to a virtual thread, at most
 * {@code kc.webhooks.concurrency} at a time, so one slow receiver does not hold up the others.
 */
@Component
class DeliveryWorker extends BackgroundService {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final Deliveries deliveries;
	private final DeliveryAttempt attempt;
	private final WebhookSettings settings;
	private final Clock clock;
	private final String name = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
	private final Semaphore slots;

	DeliveryWorker(Deliveries deliveries, DeliveryAttempt attempt, WebhookSettings settings, Clock clock) {
		super("webhook-deliveries", settings.pollInterval(), Duration.ofSeconds(2));
		this.deliveries = deliveries;
		this.attempt = attempt;
		this.settings = settings;
		this.clock = clock;
		this.slots = new Semaphore(settings.concurrency());
	}

	/** After claiming stopped: waits a little for the deliveries in flight, so they can record their outcome. */
	@Override
	protected void stopped() {
		try {
			if (slots.tryAcquire(settings.concurrency(), 10, TimeUnit.SECONDS)) {
				slots.release(settings.concurrency());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Claims one delivery when a slot is free and sends it on a virtual thread. */
	@Override
	protected boolean round() throws InterruptedException {
		slots.acquire();
		Optional<Delivery> next = shouldContinue() ? claim() : Optional.empty();
		if (next.isEmpty()) {
			slots.release();
			return false;
		}
		Delivery d = next.get();
		Thread.ofVirtual().name("webhook-" + d.id()).start(() -> send(d));
		return true;
	}

	/**
	 * A failure to claim (the database briefly away) gives the slot back; the loop logs it and
	 * tries again after the poll interval.
	 */
	private Optional<Delivery> claim() {
		try {
			return deliveries.claim(name, settings.lease(), clock.instant());
		}
		catch (RuntimeException e) {
			slots.release();
			throw e;
		}
	}

	private void send(Delivery d) {
		try {
			attempt.run(d, name);
		}
		catch (RuntimeException e) {
			// the lease runs out and another pass retries it
			log.warn("Webhook delivery {} could not be recorded: {}", d.id(), e.toString());
		}
		finally {
			slots.release();
			wake();
		}
	}
}
