package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Sign-up with an address that already has an account. */
public final class EmailAlreadyRegistered extends KnowledgeCloudException {

	public EmailAlreadyRegistered() {
		super(HttpStatus.CONFLICT, "email_taken", "An account with this e-mail address already exists.");
	}
}
