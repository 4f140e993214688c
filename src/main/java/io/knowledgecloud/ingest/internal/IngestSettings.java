package io.knowledgecloud.ingest.internal;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ingestion configuration ({@code kc.ingest.*}).
 *
 * @param workers worker threads per replica (0 disables ingestion on this replica, e.g. an api-only role)
 * @param lease how long a claimed job stays claimed without progress before another worker may take it
 * @param maxAttempts attempts before a transiently failing job is marked FAILED
 * @param backoff base delay of the exponential retry backoff (with jitter)
 * @param pollInterval how often idle workers look for work
 */
@Validated
@ConfigurationProperties("kc.ingest")
public record IngestSettings(@DefaultValue("1") @Min(0) @Max(64) int workers, @DefaultValue("5m") Duration lease,
		@DefaultValue("5") @Min(1) int maxAttempts, @DefaultValue("2s") Duration backoff,
		@DefaultValue("500ms") Duration pollInterval) {
}
