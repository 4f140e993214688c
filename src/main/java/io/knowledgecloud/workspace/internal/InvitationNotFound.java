package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Invitation unknown, expired, used or revoked. */
public final class InvitationNotFound extends KnowledgeCloudException {

	public InvitationNotFound() {
		super(HttpStatus.NOT_FOUND, "invitation_not_found", "No such invitation, or it has expired, been used or been revoked.");
	}
}
