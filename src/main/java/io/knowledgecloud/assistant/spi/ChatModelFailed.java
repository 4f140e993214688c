package io.knowledgecloud.assistant.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A provider call failed.
 *
 * @see #retryable()
 */
public class ChatModelFailed extends RuntimeException {

	private final boolean retryable;
	private final int status;
	private final @Nullable Duration retryAfter;

	/**
	 * @param status the provider's HTTP status, or 0 when there was no answer (timeout, refused)
	 * @param retryable whether the same request may succeed later (rate limit, overload, 5xx,
	 *     network); a bad request or bad credentials is not
	 */
	public ChatModelFailed(String message, int status, boolean retryable, @Nullable Throwable cause) {
		this(message, status, retryable, null, cause);
	}

	/** @param retryAfter how long the provider asked us to wait ({@code Retry-After}), if it said */
	public ChatModelFailed(String message, int status, boolean retryable, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	public boolean retryable() {
		return retryable;
	}

	public int status() {
		return status;
	}

	/** The provider's {@code Retry-After}, uncapped; {@code null} when it sent none. */
	public @Nullable Duration retryAfter() {
		return retryAfter;
	}
}
