package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.Role;

/** A member whose role is below what the operation needs. */
public final class InsufficientRole extends KnowledgeCloudException {

	public InsufficientRole(Role required) {
		super(HttpStatus.FORBIDDEN, "insufficient_role",
				"This action needs the " + required.name().toLowerCase() + " role or higher in this workspace.");
	}
}
