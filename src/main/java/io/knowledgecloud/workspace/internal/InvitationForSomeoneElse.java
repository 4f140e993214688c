package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The invitation belongs to another address. */
public final class InvitationForSomeoneElse extends KnowledgeCloudException {

	public InvitationForSomeoneElse() {
		super(HttpStatus.FORBIDDEN, "invitation_email_mismatch", "This invitation was sent to another e-mail address; sign in with that address to accept it.");
	}
}
