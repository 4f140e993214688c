package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Personal workspaces live as long as their user. */
public final class PersonalWorkspace extends KnowledgeCloudException {

	public PersonalWorkspace() {
		super(HttpStatus.CONFLICT, "personal_workspace", "A personal workspace cannot be deleted.");
	}
}
