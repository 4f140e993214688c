package io.knowledgecloud.embedding;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/**
 * The embedding provider gave no usable answer. {@link #retryable()} tells the caller (the ingest
 * queue, a search request) whether the same call may succeed later; the adapters never retry
 * themselves, so back-off lives in one place.
 * <ul>
 * <li>{@code embedding_provider_unavailable} (503, retryable): no answer in time, connection
 * failed, HTTP 408, 429 or 5xx.</li>
 * <li>{@code embedding_provider_error} (502, not retryable): the provider refused the request
 * (other 4xx, e.g. a wrong API key or an unknown model) or answered something we cannot use
 * (malformed JSON, the wrong number or length of vectors).</li>
 * </ul>
 * The detail never quotes the provider's answer (it may echo credentials); adapters log it.
 */
public final class EmbeddingFailed extends KnowledgeCloudException {

	public static final String UNAVAILABLE = "embedding_provider_unavailable";
	public static final String PROVIDER_ERROR = "embedding_provider_error";

	private final boolean retryable;
	private final @Nullable Duration retryAfter;

	private EmbeddingFailed(HttpStatus status, String code, String detail, boolean retryable,
			@Nullable Duration retryAfter) {
		super(status, code, detail);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/** The provider could not be reached or is overloaded; worth trying again. */
	public static EmbeddingFailed unavailable(String detail, @Nullable Duration retryAfter) {
		return new EmbeddingFailed(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, detail, true, retryAfter);
	}

	/** The provider refused the request or answered nonsense; retrying the same call will not help. */
	public static EmbeddingFailed providerError(String detail) {
		return new EmbeddingFailed(HttpStatus.BAD_GATEWAY, PROVIDER_ERROR, detail, false, null);
	}

	public boolean retryable() {
		return retryable;
	}

	/** How long the provider asked us to wait ({@code Retry-After}), if it said. */
	public @Nullable Duration retryAfter() {
		return retryAfter;
	}

	@Override
	public Map<String, Object> properties() {
		return retryAfter == null ? Map.of() : Map.of("retry_after", Math.max(1, retryAfter.toSeconds()));
	}
}
