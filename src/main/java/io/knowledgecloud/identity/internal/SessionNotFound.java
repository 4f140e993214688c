package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The session does not exist or belongs to someone else. */
public final class SessionNotFound extends KnowledgeCloudException {

	public SessionNotFound() {
		super(HttpStatus.NOT_FOUND, "session_not_found", "No such session.");
	}
}
