package io.knowledgecloud.workspace;

import java.time.Instant;

/**
 * Someone was invited to a workspace; the notify module e-mails the invitation. Carries the
 * one-time token because the e-mail is its only delivery path (see docs/architecture.md).
 */
public record MemberInvited(WorkspaceId workspaceId, String workspaceName, String email, Role role, String token,
		Instant expiresAt, String invitedBy) {
}
