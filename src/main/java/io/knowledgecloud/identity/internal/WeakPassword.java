package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The password does not meet the policy. */
public final class WeakPassword extends KnowledgeCloudException {

	public WeakPassword(String reason) {
		super(HttpStatus.BAD_REQUEST, "weak_password", reason);
	}
}
