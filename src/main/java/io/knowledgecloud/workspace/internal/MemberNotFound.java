package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The user is not a member of this workspace. */
public final class MemberNotFound extends KnowledgeCloudException {

	public MemberNotFound() {
		super(HttpStatus.NOT_FOUND, "member_not_found", "No such member in this workspace.");
	}
}
