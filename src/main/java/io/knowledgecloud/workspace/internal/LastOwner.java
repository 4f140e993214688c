package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The change would leave the workspace without an owner. */
public final class LastOwner extends KnowledgeCloudException {

	public LastOwner() {
		super(HttpStatus.CONFLICT, "last_owner", "A workspace must keep at least one owner; make someone else owner first.");
	}
}
