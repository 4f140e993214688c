package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Invitation or join for an existing member. */
public final class AlreadyMember extends KnowledgeCloudException {

	public AlreadyMember() {
		super(HttpStatus.CONFLICT, "already_member", "This person is already a member of the workspace.");
	}
}
