package io.knowledgecloud.assistant.spi;

import org.jspecify.annotations.Nullable;

/**
 * A provider call failed.
 *
 * @see #retryable()
 */
public class ChatModelFailed extends RuntimeException {

	private final boolean retryable;
	private final int status;

	/**
	 * @param status the provider's HTTP status, or 0 when there was no answer (timeout, refused)
	 * @param retryable whether the same request may succeed later (rate limit, overload, 5xx,
	 *     network); a bad request or bad credentials is not
	 */
	public ChatModelFailed(String message, int status, boolean retryable, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
	}

	public boolean retryable() {
		return retryable;
	}

	public int status() {
		return status;
	}
}
