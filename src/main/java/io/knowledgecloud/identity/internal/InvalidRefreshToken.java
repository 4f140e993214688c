package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The refresh token is unknown, expired or revoked. */
public final class InvalidRefreshToken extends KnowledgeCloudException {

	public InvalidRefreshToken() {
		super(HttpStatus.UNAUTHORIZED, "invalid_refresh_token", "The refresh token is invalid, expired or revoked. Log in again.");
	}
}
