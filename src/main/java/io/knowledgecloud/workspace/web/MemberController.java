package io.knowledgecloud.workspace.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceId;
import io.knowledgecloud.workspace.internal.Member;
import io.knowledgecloud.workspace.internal.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Members of a workspace and their roles. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}")
@Tag(name = "Members")
class MemberController {

	private final WorkspaceManagement workspaces;

	MemberController(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	record MemberResponse(UUID userId, String email, Role role, Instant joinedAt) {
		static MemberResponse of(Member m) {
			return new MemberResponse(m.userId().value(), m.email(), m.role(), m.joinedAt());
		}
	}

	record RoleRequest(@Schema(example = "admin") @NotNull Role role) {
	}

	@GetMapping("/members")
	@Operation(summary = "List members (any member)")
	CursorPage<MemberResponse> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return workspaces.members(new WorkspaceId(ws), user, cursor, limit).map(MemberResponse::of);
	}

	@PatchMapping("/members/{userId}")
	@Operation(summary = "Change a member's role (admin; owners only for the owner role)")
	@ApiResponse(responseCode = "409", description = "Would remove the last owner (code last_owner)")
	MemberResponse changeRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID userId, @Valid @RequestBody RoleRequest body, HttpServletRequest request) {
		return MemberResponse.of(workspaces.changeRole(new WorkspaceId(ws), user, new UserId(userId), body.role(),
				request.getRemoteAddr()));
	}

	@DeleteMapping("/members/{userId}")
	@Operation(summary = "Remove a member (admin), or yourself (leave)")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ApiResponse(responseCode = "409", description = "The last owner cannot be removed (code last_owner)")
	ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID userId, HttpServletRequest request) {
		workspaces.removeMember(new WorkspaceId(ws), user, new UserId(userId), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/leave")
	@Operation(summary = "Leave the workspace (the last owner cannot)")
	@ApiResponse(responseCode = "204", description = "Left")
	ResponseEntity<Void> leave(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			HttpServletRequest request) {
		CurrentUser person = user.requirePerson();
		workspaces.removeMember(new WorkspaceId(ws), person, person.userId(), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}
