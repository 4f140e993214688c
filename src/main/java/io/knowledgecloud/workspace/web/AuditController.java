package io.knowledgecloud.workspace.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.AuditLog;
import io.knowledgecloud.identity.AuditLog.AuditEvent;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The workspace's security audit log, for its admins. */
@RestController
@Tag(name = "Audit")
class AuditController {

	private final AuditLog audit;
	private final WorkspaceAccess access;

	AuditController(AuditLog audit, WorkspaceAccess access) {
		this.audit = audit;
		this.access = access;
	}

	@GetMapping("/api/v1/workspaces/{ws}/audit-events")
	@Operation(summary = "Security events of this workspace, newest first (admin)",
			description = "Key created/revoked, member invited/joined/removed/left, role changed, workspace deleted.")
	CursorPage<AuditEvent> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		access.require(new WorkspaceId(ws), user, Role.ADMIN);
		return audit.forWorkspace(ws, cursor, limit);
	}
}
