package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The API key does not exist in this workspace. */
public final class ApiKeyNotFound extends KnowledgeCloudException {

	public ApiKeyNotFound() {
		super(HttpStatus.NOT_FOUND, "api_key_not_found", "No such API key in this workspace.");
	}
}
