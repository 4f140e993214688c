package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Login failed; the same answer for an unknown user and a wrong password. */
public final class InvalidCredentials extends KnowledgeCloudException {

	public InvalidCredentials() {
		super(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The e-mail address or password is incorrect.");
	}
}
