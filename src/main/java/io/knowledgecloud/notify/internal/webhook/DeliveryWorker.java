package io.knowledgecloud.notify.internal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: one polling thread per replica claims them (a lease in the table, so
 * replicas never send the same delivery at once) and hands each to a virtual thread, at most
 * {@code kc.webhooks.concurrency} at a time, so one slow receiver does not hold up the others.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final Deliveries deliveries;
	private final DeliveryAttempt attempt;
	private final WebhookSettings settings;
	private final Clock clock;
	private final String name = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
	private final Semaphore wake = new Semaphore(0);
	private final Semaphore slots;
	private volatile boolean running;
	private @Nullable Thread thread;

	DeliveryWorker(Deliveries deliveries, DeliveryAttempt attempt, WebhookSettings settings, Clock clock) {
		this.deliveries = deliveries;
		this.attempt = attempt;
		this.settings = settings;
		this.clock = clock;
		this.slots = new Semaphore(settings.concurrency());
	}

	void wake() {
		wake.release();
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("webhook-deliveries").daemon().start(this::loop);
	}

	/** Stops claiming and waits a little for the deliveries in flight, so they can record their outcome. */
	@Override
	public void stop() {
		running = false;
		wake.release();
		Thread t = thread;
		try {
			if (t != null) {
				t.join(Duration.ofSeconds(2));
			}
			if (slots.tryAcquire(settings.concurrency(), 10, TimeUnit.SECONDS)) {
				slots.release(settings.concurrency());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop() {
		while (running) {
			try {
				slots.acquire();
				Optional<Delivery> next = claim();
				if (next.isPresent()) {
					Delivery d = next.get();
					Thread.ofVirtual().name("webhook-" + d.id()).start(() -> send(d));
					continue;
				}
				slots.release();
				wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				wake.drainPermits();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private Optional<Delivery> claim() throws InterruptedException {
		try {
			return deliveries.claim(name, settings.lease(), clock.instant());
		}
		catch (RuntimeException e) {
			log.warn("Claiming webhook deliveries failed; retrying: {}", e.toString());
			slots.release();
			Thread.sleep(settings.pollInterval().toMillis());
			slots.acquire();
			return Optional.empty();
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
			wake.release();
		}
	}
}
