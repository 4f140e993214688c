package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The workspace does not exist or the caller is not a member: the two are indistinguishable. */
public final class WorkspaceNotFound extends KnowledgeCloudException {

	public WorkspaceNotFound() {
		super(HttpStatus.NOT_FOUND, "workspace_not_found", "No such workspace.");
	}
}
