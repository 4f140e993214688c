package io.knowledgecloud.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
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

import io.knowledgecloud.identity.AuditLog;
import io.knowledgecloud.identity.AuditLog.AuditEvent;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.internal.Accounts;
import io.knowledgecloud.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's own sessions, second factor and security events. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Account")
class AccountController {

	private final Accounts accounts;
	private final AuditLog audit;

	AccountController(Accounts accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	record SessionResponse(UUID id, @Nullable String userAgent, @Nullable String ip, Instant createdAt,
			Instant lastUsedAt, Instant expiresAt, boolean current) {
	}

	record TotpEnrolment(String secret, String otpauthUri) {
	}

	record CodeRequest(@NotBlank @Size(max = 64) String code) {
	}

	record DisableMfaRequest(@NotBlank @Size(max = 1024) String password, @NotBlank @Size(max = 64) String code) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	record Revoked(int revoked) {
	}

	@GetMapping("/sessions")
	@Operation(summary = "List my active sessions (device, IP, last use)")
	List<SessionResponse> sessions(@AuthenticationPrincipal CurrentUser user) {
		CurrentUser person = Clients.person(user);
		return accounts.sessionsOf(person.userId())
			.stream()
			.map(s -> new SessionResponse(s.id(), s.userAgent(), s.ip(), s.createdAt(), s.lastUsedAt(),
					s.expiresAt(), s.id().equals(person.sessionId())))
			.toList();
	}

	@DeleteMapping("/sessions/{sessionId}")
	@Operation(summary = "Revoke one of my sessions")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "404", description = "No such session (code session_not_found)")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID sessionId,
			HttpServletRequest request) {
		accounts.revokeSession(Clients.person(user).userId(), sessionId, Clients.of(request));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/sessions")
	@Operation(summary = "Revoke all my sessions", description = "With `keep_current=true` the calling session stays.")
	Revoked revokeAll(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(name = "keep_current", defaultValue = "false") boolean keepCurrent,
			HttpServletRequest request) {
		CurrentUser person = Clients.person(user);
		return new Revoked(accounts.revokeAllSessions(person.userId(), keepCurrent ? person.sessionId() : null,
				Clients.of(request)));
	}

	@PostMapping("/mfa/totp")
	@Operation(summary = "Start TOTP enrolment", description = "Returns the secret and an otpauth:// URI for an "
			+ "authenticator app. MFA is on only after /mfa/totp/activate.")
	@ApiResponse(responseCode = "409", description = "Already enabled (code mfa_already_enabled)")
	TotpEnrolment beginTotp(@AuthenticationPrincipal CurrentUser user) {
		String[] enrolment = accounts.beginTotp(Clients.person(user).userId());
		return new TotpEnrolment(enrolment[0], enrolment[1]);
	}

	@PostMapping("/mfa/totp/activate")
	@Operation(summary = "Activate TOTP with a first code", description = "Returns ten single-use recovery codes, "
			+ "shown only this once.")
	@ApiResponse(responseCode = "401", description = "Wrong code (code invalid_mfa_code)")
	RecoveryCodes activate(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest body,
			HttpServletRequest request) {
		return new RecoveryCodes(
				accounts.activateTotp(Clients.person(user).userId(), body.code(), Clients.of(request)));
	}

	@PostMapping("/mfa/recovery-codes")
	@Operation(summary = "Replace my recovery codes (needs a current TOTP code)")
	RecoveryCodes regenerate(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest body,
			HttpServletRequest request) {
		return new RecoveryCodes(
				accounts.regenerateRecoveryCodes(Clients.person(user).userId(), body.code(), Clients.of(request)));
	}

	@PostMapping("/mfa/disable")
	@Operation(summary = "Turn MFA off (needs the password and a TOTP or recovery code)")
	@ApiResponse(responseCode = "204", description = "Disabled")
	ResponseEntity<Void> disable(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody DisableMfaRequest body,
			HttpServletRequest request) {
		accounts.disableTotp(Clients.person(user).userId(), body.password(), body.code(), Clients.of(request));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/audit-events")
	@Operation(summary = "Security events about me (logins, lockouts, MFA changes), newest first")
	CursorPage<AuditEvent> auditEvents(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return audit.aboutUser(Clients.person(user).userId(), cursor, limit);
	}
}
