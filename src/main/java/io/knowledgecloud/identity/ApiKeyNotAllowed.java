package io.knowledgecloud.identity;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Account endpoints are not for API keys. */
public final class ApiKeyNotAllowed extends KnowledgeCloudException {

	public ApiKeyNotAllowed() {
		super(HttpStatus.FORBIDDEN, "api_key_not_allowed", "This endpoint needs a signed-in user; API keys cannot use it.");
	}
}
