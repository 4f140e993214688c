package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** A wrong, reused or expired TOTP or recovery code. */
public final class InvalidMfaCode extends KnowledgeCloudException {

	public InvalidMfaCode() {
		super(HttpStatus.UNAUTHORIZED, "invalid_mfa_code", "The one-time code or recovery code is not valid.");
	}
}
