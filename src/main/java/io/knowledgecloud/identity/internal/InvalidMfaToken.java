package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The token of the first login step is invalid or expired. */
public final class InvalidMfaToken extends KnowledgeCloudException {

	public InvalidMfaToken() {
		super(HttpStatus.UNAUTHORIZED, "invalid_mfa_token", "The MFA token is invalid or expired. Log in again.");
	}
}
