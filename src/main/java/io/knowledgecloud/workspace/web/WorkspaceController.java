package io.knowledgecloud.workspace.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.ETags;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.knowledgecloud.workspace.internal.MyWorkspace;
import io.knowledgecloud.workspace.internal.Workspace;
import io.knowledgecloud.workspace.internal.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Workspaces the caller belongs to: list, create, read, rename, delete. */
@RestController
@RequestMapping("/api/v1/workspaces")
@Tag(name = "Workspaces")
class WorkspaceController {

	private final WorkspaceManagement workspaces;
	private final WorkspaceAccess access;

	WorkspaceController(WorkspaceManagement workspaces, WorkspaceAccess access) {
		this.workspaces = workspaces;
		this.access = access;
	}

	/** Names: 1-100 characters, no control characters. */
	static final String NAME = "^[^\\p{Cntrl}]*$";

	record WorkspaceRequest(@Schema(example = "Research team") @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String name) {
	}

	record WorkspaceResponse(UUID id, String name, boolean personal, Role role, Instant createdAt,
			Instant updatedAt) {

		static WorkspaceResponse of(Workspace w, Role role) {
			return new WorkspaceResponse(w.id().value(), w.name(), w.personal(), role, w.createdAt(), w.updatedAt());
		}

		static WorkspaceResponse of(MyWorkspace m) {
			return of(m.workspace(), m.role());
		}
	}

	@GetMapping
	@Operation(summary = "List my workspaces", description = "Cursor-paginated, newest membership first. An API "
			+ "key sees only its own workspace.")
	CursorPage<WorkspaceResponse> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return workspaces.mine(user, cursor, limit).map(WorkspaceResponse::of);
	}

	@PostMapping
	@Operation(summary = "Create a workspace; the caller becomes its owner")
	@ApiResponse(responseCode = "201", description = "Created")
	ResponseEntity<WorkspaceResponse> create(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody WorkspaceRequest body) {
		Workspace created = workspaces.create(user, body.name());
		return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.id()))
			.eTag(ETags.of(created.version()))
			.body(WorkspaceResponse.of(created, Role.OWNER));
	}

	@GetMapping("/{ws}")
	@Operation(summary = "Get a workspace", description = "Supports If-None-Match with the ETag (304).")
	@ApiResponse(responseCode = "404", description = "Not found or not a member (code workspace_not_found)")
	ResponseEntity<WorkspaceResponse> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		WorkspaceId id = new WorkspaceId(ws);
		Workspace workspace = workspaces.get(id, user);
		String etag = ETags.of(workspace.version());
		if (ETags.noneMatchHits(ifNoneMatch, workspace.version())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		return ResponseEntity.ok().eTag(etag).body(WorkspaceResponse.of(workspace, access.effectiveRole(id, user)));
	}

	@PatchMapping("/{ws}")
	@Operation(summary = "Rename a workspace (admin)", description = "Send If-Match with the ETag to avoid lost "
			+ "updates; a stale ETag answers 412.")
	@ApiResponse(responseCode = "412", description = "Modified meanwhile (code precondition_failed)")
	ResponseEntity<WorkspaceResponse> rename(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody WorkspaceRequest body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		WorkspaceId id = new WorkspaceId(ws);
		Workspace renamed = workspaces.rename(id, user, body.name(), ifMatch);
		return ResponseEntity.ok()
			.eTag(ETags.of(renamed.version()))
			.body(WorkspaceResponse.of(renamed, access.effectiveRole(id, user)));
	}

	@DeleteMapping("/{ws}")
	@Operation(summary = "Delete a workspace (owner); personal workspaces cannot be deleted")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			HttpServletRequest request) {
		workspaces.delete(new WorkspaceId(ws), user, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}
