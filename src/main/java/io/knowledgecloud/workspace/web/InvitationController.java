package io.knowledgecloud.workspace.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceId;
import io.knowledgecloud.workspace.internal.Invitation;
import io.knowledgecloud.workspace.internal.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Inviting people by e-mail, and accepting an invitation. */
@RestController
@Tag(name = "Invitations")
class InvitationController {

	private final WorkspaceManagement workspaces;

	InvitationController(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	record InviteRequest(@Schema(example = "bob@example.com") @NotBlank @Size(max = 254) String email,
			@Schema(example = "editor") @NotNull Role role) {
	}

	record AcceptRequest(@Schema(example = "kci_Qm9i...") @NotBlank @Size(max = 200) String token) {
	}

	record InvitationResponse(UUID id, String email, Role role, UUID invitedBy, Instant createdAt,
			Instant expiresAt) {
		static InvitationResponse of(Invitation i) {
			return new InvitationResponse(i.id(), i.email(), i.role(), i.invitedBy(), i.createdAt(), i.expiresAt());
		}
	}

	@PostMapping("/api/v1/workspaces/{ws}/invitations")
	@Operation(summary = "Invite someone by e-mail (admin)", description = "Sends a single-use, expiring token by "
			+ "e-mail. Inviting the same address again replaces the pending invitation.")
	@ApiResponse(responseCode = "201", description = "Invitation sent")
	@ApiResponse(responseCode = "409", description = "Already a member (code already_member)")
	ResponseEntity<InvitationResponse> invite(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody InviteRequest body, HttpServletRequest request) {
		var created = workspaces.invite(new WorkspaceId(ws), user, body.email(), body.role(), request.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.CREATED).body(InvitationResponse.of(created.invitation()));
	}

	@GetMapping("/api/v1/workspaces/{ws}/invitations")
	@Operation(summary = "List pending invitations (admin)")
	CursorPage<InvitationResponse> pending(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return workspaces.pendingInvitations(new WorkspaceId(ws), user, cursor, limit).map(InvitationResponse::of);
	}

	@DeleteMapping("/api/v1/workspaces/{ws}/invitations/{invitationId}")
	@Operation(summary = "Revoke a pending invitation (admin)")
	@ApiResponse(responseCode = "204", description = "Revoked")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID invitationId) {
		workspaces.revokeInvitation(new WorkspaceId(ws), user, invitationId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/invitations/accept")
	@Operation(summary = "Accept an invitation", description = "The signed-in user's e-mail must be the invited one.")
	@ApiResponse(responseCode = "404", description = "Unknown, used, revoked or expired (code invitation_not_found)")
	@ApiResponse(responseCode = "403", description = "Sent to another address (code invitation_email_mismatch)")
	WorkspaceController.WorkspaceResponse accept(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody AcceptRequest body, HttpServletRequest request) {
		return WorkspaceController.WorkspaceResponse.of(workspaces.accept(user, body.token(), request.getRemoteAddr()));
	}
}
