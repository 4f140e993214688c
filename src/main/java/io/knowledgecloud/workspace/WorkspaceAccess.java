package io.knowledgecloud.workspace;

import org.springframework.stereotype.Service;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.internal.Members;
import io.knowledgecloud.workspace.internal.WorkspaceNotFound;
import io.knowledgecloud.workspace.internal.InsufficientRole;

/**
 * The single authorization decision for workspace-scoped operations. A caller who is not a
 * member (or an API key of another workspace) gets {@code 404 workspace_not_found}, so ids of
 * other tenants reveal nothing; a member below the required role gets {@code 403}. An API key's
 * effective role is the lower of its scope's ceiling and its creator's current role.
 */
@Service
public class WorkspaceAccess {

	private final Members members;

	WorkspaceAccess(Members members) {
		this.members = members;
	}

	/** Returns the caller's effective role, or throws when it is below {@code minimum}. */
	public Role require(WorkspaceId workspace, CurrentUser caller, Role minimum) {
		Role role = effectiveRole(workspace, caller);
		if (!role.atLeast(minimum)) {
			throw new InsufficientRole(minimum);
		}
		return role;
	}

	/** Whether {@code user} is a member of the workspace (e.g. before naming them in a document ACL). */
	public boolean isMember(WorkspaceId workspace, io.knowledgecloud.identity.UserId user) {
		return members.roleOf(workspace, user).isPresent();
	}

	/** Members whose role is at least {@code minimum}, e.g. the admins to notify about a failure. */
	public java.util.List<io.knowledgecloud.identity.UserId> membersWithRole(WorkspaceId workspace, Role minimum) {
		return members.withRoleAtLeast(workspace, minimum);
	}

	public Role effectiveRole(WorkspaceId workspace, CurrentUser caller) {
		var grant = caller.apiKey();
		if (grant != null && !grant.workspaceId().equals(workspace.value())) {
			throw new WorkspaceNotFound();
		}
		Role memberRole = members.roleOf(workspace, caller.userId()).orElseThrow(WorkspaceNotFound::new);
		return grant == null ? memberRole : Role.min(memberRole, Role.ceilingOf(grant.scope()));
	}
}
