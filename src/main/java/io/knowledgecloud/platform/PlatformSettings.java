package io.knowledgecloud.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Platform configuration ({@code kc.*}); every key is documented in docs/configuration.md.
 *
 * @param dataDir where embedded state lives (H2 database, master key, blobs, indexes)
 * @param security master key source
 * @param web request limits and CORS
 * @param rateLimit Bucket4j limits
 * @param redis optional Redis; when set, rate limits are shared across replicas
 * @param idempotency how long stored responses are replayed
 * @param startup what happens once the application is ready
 * @param publicUrl base URL of this server as users reach it (links in e-mails, signed URLs); when
 *                  empty, signed URLs use the request's base and e-mails {@code http://localhost:8080}
 */
@Validated
@ConfigurationProperties("kc")
public record PlatformSettings(@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue @Valid Security security,
		@DefaultValue @Valid Web web, @DefaultValue @Valid RateLimit rateLimit, @DefaultValue Redis redis,
		@DefaultValue @Valid Idempotency idempotency, @DefaultValue Startup startup,
		java.net.@Nullable URI publicUrl) {

	/** {@link #publicUrl()}, or {@code http://localhost:8080} when it is not set (e-mails need some base). */
	public java.net.URI publicUrlOrLocalhost() {
		return publicUrl != null ? publicUrl : java.net.URI.create("http://localhost:8080");
	}

	/**
	 * @param masterKey base64 of 32 random bytes (env {@code KC_MASTER_KEY})
	 * @param masterKeyFile file holding the base64 key; generated under the data dir when neither is set
	 */
	public record Security(@Nullable String masterKey, @Nullable Path masterKeyFile) {
	}

	public record Web(@DefaultValue("1MB") DataSize maxJsonBody, @DefaultValue List<String> corsAllowedOrigins,
			@DefaultValue("20") @Min(1) @Max(1000) int defaultPageSize,
			@DefaultValue("100") @Min(1) @Max(1000) int maxPageSize) {
	}

	/**
	 * @param authPerMinute requests per client IP per minute on {@code /api/v1/auth/**}
	 * @param apiPerMinute requests per user or API key (else IP) per minute elsewhere
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("30") @Min(1) int authPerMinute,
			@DefaultValue("1200") @Min(1) int apiPerMinute) {
	}

	/**
	 * @param url e.g. {@code redis://localhost:6379}; empty means in-memory
	 * @param keyPrefix prefix of every key KnowledgeCloud writes to Redis
	 */
	public record Redis(@Nullable String url, @DefaultValue("kc:") String keyPrefix) {
	}

	/**
	 * @param retention how long a stored response is replayed
	 * @param inFlightTimeout after this, an unanswered claim (its replica died) no longer blocks retries
	 */
	public record Idempotency(@DefaultValue("24h") Duration retention, @DefaultValue("2m") Duration inFlightTimeout) {
	}

	/**
	 * @param compactHeap one full collection after the warm-ups, so the memory start-up used is
	 *                    returned to the operating system
	 */
	public record Startup(@DefaultValue("true") boolean compactHeap) {
	}
}
