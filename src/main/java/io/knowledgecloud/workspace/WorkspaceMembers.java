package io.knowledgecloud.workspace;

import java.util.List;

import org.springframework.stereotype.Service;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.workspace.internal.Members;

/** Read-only member look-ups for other modules' workspace-wide work (e.g. who gets a digest). */
@Service
public class WorkspaceMembers {

	private final Members members;

	WorkspaceMembers(Members members) {
		this.members = members;
	}

	/** Every member of the workspace (no access check: for system jobs). */
	public List<UserId> of(WorkspaceId workspace) {
		return members.withRoleAtLeast(workspace, Role.VIEWER);
	}
}
