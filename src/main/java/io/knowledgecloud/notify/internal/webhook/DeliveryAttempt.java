package io.knowledgecloud.notify.internal.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.platform.DestinationNotAllowed;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.OutboundHttp;
import io.knowledgecloud.platform.SecretBox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One signed POST of a claimed delivery through {@link OutboundHttp}, and its outcome: logged,
 * then succeeded, retried after an exponential back-off, or failed for good (which counts towards
 * disabling the subscription).
 */
@Component
class DeliveryAttempt {

	static final int EXCERPT_BYTES = 1024;

	private final Webhooks webhooks;
	private final Deliveries deliveries;
	private final OutboundHttp outbound;
	private final SecretBox secrets;
	private final WebhookSettings settings;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final MeterRegistry meters;

	DeliveryAttempt(Webhooks webhooks, Deliveries deliveries, OutboundHttp outbound, SecretBox secrets,
			WebhookSettings settings, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.outbound = outbound;
		this.secrets = secrets;
		this.settings = settings;
		this.tx = tx;
		this.clock = clock;
	}

	/** What came back, or why nothing did. */
	private record Outcome(@Nullable Integer status, @Nullable String excerpt, @Nullable String error) {

		boolean ok() {
			return error == null;
		}
	}

	void run(Delivery d, String worker) {
		var target = webhooks.findById(d.webhookId());
		var sealed = webhooks.sealedSecret(d.webhookId());
		if (target.isEmpty() || sealed.isEmpty()) {
			return; // deleted meanwhile, and its deliveries with it
		}
		Instant started = clock.instant();
		long t0 = System.nanoTime();
		Outcome outcome = post(target.get().url(), d, secrets.decrypt(sealed.get(), WebhookManagement.SECRET_PURPOSE),
				started.getEpochSecond());
		long latencyMs = (System.nanoTime() - t0) / 1_000_000;
		Timer.builder("kc.webhooks.attempts")
			.description("Webhook delivery attempts by outcome")
			.tag("outcome", outcome.ok() ? "success" : "failure")
			.register(meters)
			.record(Duration.ofMillis(latencyMs));
		int attempts = d.attempts() + 1;
		Instant now = clock.instant();
		String state = outcome.ok() ? "SUCCEEDED" : attempts >= settings.maxAttempts() ? "FAILED" : "PENDING";
		Instant next = state.equals("PENDING") ? now.plus(settings.backoff(attempts)) : now;
		tx.executeWithoutResult(status -> {
			deliveries.logAttempt(d.id(), new Delivery.Attempt(attempts, started, outcome.status(), latencyMs,
					outcome.excerpt(), outcome.error()));
			if (!deliveries.finish(d.id(), worker, state, outcome.status(), next, now)) {
				status.setRollbackOnly(); // our lease ran out and another replica owns the delivery now
				return;
			}
			if (state.equals("SUCCEEDED")) {
				webhooks.succeeded(d.webhookId());
			}
			else if (state.equals("FAILED")) {
				webhooks.failed(d.webhookId(), settings.disableAfter(), now);
			}
		});
	}

	private Outcome post(String url, Delivery d, String secret, long timestamp) {
		byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = Map.of("Content-Type", "application/json", "User-Agent",
				"KnowledgeCloud-Webhooks/1", "KC-Webhook-Id", d.eventId(), "KC-Webhook-Event", d.eventType(),
				"KC-Webhook-Timestamp", Long.toString(timestamp), "KC-Webhook-Signature",
				Signatures.sign(secret, timestamp, body));
		var defaults = outbound.defaults();
		try {
			var response = outbound.post(URI.create(url), headers, body,
					new OutboundHttp.Limits(EXCERPT_BYTES, defaults.timeout(), defaults.maxRedirects()));
			String excerpt = response.text().replace('\u0000', ' ');
			boolean ok = response.status() >= 200 && response.status() < 300;
			return new Outcome(response.status(), excerpt, ok ? null : "HTTP " + response.status());
		}
		catch (DestinationNotAllowed e) {
			return new Outcome(null, null, cut(e.code() + ": " + e.reason()));
		}
		catch (KnowledgeCloudException | IllegalArgumentException e) {
			return new Outcome(null, null, cut(String.valueOf(e.getMessage())));
		}
	}

	private static String cut(String s) {
		return s.length() <= 500 ? s : s.substring(0, 500);
	}
}
