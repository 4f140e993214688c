package io.knowledgecloud.workspace.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.ApiKeyScope;
import io.knowledgecloud.identity.ApiKeys;
import io.knowledgecloud.identity.ApiKeys.ApiKeyView;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A workspace's API keys. Only admins manage them; identity stores and verifies them. A key acts
 * for its creator, capped by its scope, so it stops working if the creator leaves.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/api-keys")
@Tag(name = "API keys")
class ApiKeyController {

	private final ApiKeys apiKeys;
	private final WorkspaceAccess access;

	ApiKeyController(ApiKeys apiKeys, WorkspaceAccess access) {
		this.apiKeys = apiKeys;
		this.access = access;
	}

	record CreateApiKey(
			@Schema(example = "CI pipeline") @NotBlank @Size(max = 100) @Pattern(regexp = WorkspaceController.NAME) String name,
			@Schema(example = "read") @NotNull ApiKeyScope scope,
			@Schema(example = "2027-01-01T00:00:00Z") @Nullable @Future Instant expiresAt) {
	}

	/** The created key; {@code secret} is shown only in this response. */
	record CreatedApiKeyResponse(ApiKeyView key, String secret) {
	}

	@GetMapping
	@Operation(summary = "List API keys (admin); secrets are never returned")
	CursorPage<ApiKeyView> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		access.require(new WorkspaceId(ws), user, Role.ADMIN);
		return apiKeys.list(ws, cursor, limit);
	}

	@PostMapping
	@Operation(summary = "Create an API key (admin)", description = "Scopes: read, write, admin. The secret is "
			+ "shown once; store it. Use it as `Authorization: Bearer kc_…`.")
	@ApiResponse(responseCode = "201", description = "Created; the response holds the only copy of the secret")
	ResponseEntity<CreatedApiKeyResponse> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody CreateApiKey body, HttpServletRequest request) {
		Role role = access.require(new WorkspaceId(ws), user, Role.ADMIN);
		if (!role.atLeast(Role.ceilingOf(body.scope()))) {
			throw new io.knowledgecloud.workspace.internal.InsufficientRole(Role.ceilingOf(body.scope()));
		}
		var created = apiKeys.create(ws, user, body.name().strip(), body.scope(), body.expiresAt(),
				request.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedApiKeyResponse(created.key(), created.secret()));
	}

	@DeleteMapping("/{keyId}")
	@Operation(summary = "Revoke an API key (admin)")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "404", description = "No such key in this workspace (code api_key_not_found)")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID keyId, HttpServletRequest request) {
		access.require(new WorkspaceId(ws), user, Role.ADMIN);
		apiKeys.revoke(ws, keyId, user, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}
