package io.knowledgecloud.platform;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An outbound request (a webhook URL, an agent's fetch) points somewhere KnowledgeCloud must not
 * connect to: another scheme, a private, loopback, link-local or otherwise internal address, or a
 * host outside the allowed list. {@code reason} says which rule refused it.
 */
public final class DestinationNotAllowed extends KnowledgeCloudException {

	private final String reason;

	public DestinationNotAllowed(String reason) {
		super(HttpStatus.BAD_REQUEST, "destination_not_allowed", "The destination is not allowed: " + reason + ".");
		this.reason = reason;
	}

	public String reason() {
		return reason;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("reason", reason);
	}
}
