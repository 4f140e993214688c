package io.knowledgecloud.platform;

import org.springframework.http.HttpStatus;

/** An allowed outbound request did not get a response: connection refused, TLS error, timeout. */
public final class OutboundRequestFailed extends KnowledgeCloudException {

	public OutboundRequestFailed(String detail) {
		super(HttpStatus.BAD_GATEWAY, "outbound_request_failed", detail);
	}
}
