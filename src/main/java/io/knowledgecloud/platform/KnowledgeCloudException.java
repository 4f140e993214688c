package io.knowledgecloud.platform;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A named fact about a request that could not be served. Every module's errors extend this;
 * the platform renders them as RFC 9457 problem documents carrying {@link #code()}.
 */
public abstract class KnowledgeCloudException extends RuntimeException {

	private final HttpStatus status;
	private final String code;

	protected KnowledgeCloudException(HttpStatus status, String code, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return status;
	}

	/** Stable, machine-readable error code, e.g. {@code workspace_not_found}. */
	public String code() {
		return code;
	}

	/** Title shown in the problem document; defaults to the HTTP reason phrase. */
	public String title() {
		return status.getReasonPhrase();
	}

	/** Extra problem members (snake_case keys), e.g. {@code retry_after}. */
	public Map<String, Object> properties() {
		return Map.of();
	}
}
