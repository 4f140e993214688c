package io.knowledgecloud.notify.internal.webhook;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery ({@code kc.webhooks.*}). A record of its own next to {@code kc.mail.*} rather
 * than nested in it: these keys are not about mail.
 *
 * @param baseDelay wait before the first retry; each further retry waits twice as long
 * @param maxDelay longest wait between two attempts
 * @param maxAttempts attempts per delivery before it is marked failed
 * @param disableAfter consecutive failed deliveries after which the subscription is disabled
 * @param pollInterval how often the worker looks for due deliveries
 * @param lease how long a claimed delivery is reserved for one replica (longer than a request)
 * @param maxPerWorkspace subscriptions a workspace may have
 * @param concurrency deliveries one replica sends at the same time
 * @param retention how long finished deliveries and their attempts are kept
 */
@Validated
@ConfigurationProperties("kc.webhooks")
public record WebhookSettings(@DefaultValue("10s") Duration baseDelay, @DefaultValue("6h") Duration maxDelay,
		@DefaultValue("8") @Min(1) @Max(50) int maxAttempts, @DefaultValue("5") @Min(1) int disableAfter,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("2m") Duration lease,
		@DefaultValue("20") @Min(1) int maxPerWorkspace, @DefaultValue("4") @Min(1) @Max(64) int concurrency,
		@DefaultValue("30d") Duration retention) {

	/** The wait after the {@code attempts}-th failed attempt. */
	Duration backoff(int attempts) {
		Duration delay = baseDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}
}
