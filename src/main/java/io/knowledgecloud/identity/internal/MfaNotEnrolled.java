package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Activation or disabling without an enrolment. */
public final class MfaNotEnrolled extends KnowledgeCloudException {

	public MfaNotEnrolled() {
		super(HttpStatus.CONFLICT, "mfa_not_enrolled", "Start enrolment first (POST /api/v1/me/mfa/totp).");
	}
}
