package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Enrolment while MFA is on. */
public final class MfaAlreadyEnabled extends KnowledgeCloudException {

	public MfaAlreadyEnabled() {
		super(HttpStatus.CONFLICT, "mfa_already_enabled", "Multi-factor authentication is already enabled.");
	}
}
