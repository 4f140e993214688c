/**
 * Workspaces (tenants): memberships, roles, invitations and the one place that decides who may
 * do what in a workspace ({@link io.knowledgecloud.workspace.WorkspaceAccess}).
 */
@NullMarked
@ApplicationModule(displayName = "Workspace")
package io.knowledgecloud.workspace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
