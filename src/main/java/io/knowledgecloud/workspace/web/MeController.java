package io.knowledgecloud.workspace.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.knowledgecloud.identity.ApiKeyScope;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserSummary;
import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.workspace.internal.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/me}: the caller with their workspaces and roles. It lives here, not in
 * identity, because it composes both modules and workspace already depends on identity.
 */
@RestController
@Tag(name = "Account")
class MeController {

	private final UserDirectory users;
	private final WorkspaceManagement workspaces;
	/** At most 100 workspaces, and never more than the configured maximum page size allows. */
	private final int workspaceLimit;

	MeController(UserDirectory users, WorkspaceManagement workspaces, PlatformSettings settings) {
		this.users = users;
		this.workspaces = workspaces;
		this.workspaceLimit = Math.min(100, settings.web().maxPageSize());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Me(UUID id, String email, String displayName, boolean mfaEnabled, String authenticatedWith,
			@Nullable UUID apiKeyId, @Nullable ApiKeyScope apiKeyScope,
			List<WorkspaceController.WorkspaceResponse> workspaces) {
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "Who am I: the caller, their workspaces (first 100) and roles")
	Me me(@AuthenticationPrincipal CurrentUser user) {
		UserSummary summary = users.find(user.userId()).orElseThrow();
		var mine = workspaces.mine(user, null, workspaceLimit)
			.items()
			.stream()
			.map(WorkspaceController.WorkspaceResponse::of)
			.toList();
		var key = user.apiKey();
		return new Me(summary.id().value(), summary.email(), summary.displayName(), summary.mfaEnabled(),
				key == null ? "access_token" : "api_key", key == null ? null : key.keyId(),
				key == null ? null : key.scope(), mine);
	}
}
