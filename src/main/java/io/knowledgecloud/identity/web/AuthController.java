package io.knowledgecloud.identity.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserSummary;
import io.knowledgecloud.identity.internal.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sign-up, login (with the optional TOTP step), token refresh and logout. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

	private final Accounts accounts;

	AuthController(Accounts accounts) {
		this.accounts = accounts;
	}

	record SignUpRequest(@Schema(example = "alice@example.com") @NotBlank @Size(max = 254) String email,
			@Schema(example = "correct horse battery staple") @NotBlank @Size(max = 1024) String password,
			@Schema(example = "Alice") @Nullable @Size(max = 200) String displayName) {
	}

	record UserResponse(UUID id, String email, String displayName, boolean mfaEnabled, Instant createdAt) {
		static UserResponse of(UserSummary user) {
			return new UserResponse(user.id().value(), user.email(), user.displayName(), user.mfaEnabled(),
					user.createdAt());
		}
	}

	record LoginRequest(@Schema(example = "alice@example.com") @NotBlank @Size(max = 254) String email,
			@Schema(example = "correct horse battery staple") @NotBlank @Size(max = 1024) String password) {
	}

	record MfaRequest(@NotBlank @Size(max = 4096) String mfaToken, @Schema(example = "492039") @Nullable @Size(max = 16) String code,
			@Nullable @Size(max = 64) String recoveryCode) {
	}

	record RefreshRequest(@Schema(example = "kcr_3q2+...") @NotBlank @Size(max = 512) String refreshToken) {
	}

	/** Either tokens, or {@code mfa_required} with an {@code mfa_token} for the second step. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenResponse(@Nullable String accessToken, @Nullable String tokenType, @Nullable Long expiresIn,
			@Nullable String refreshToken, @Nullable Boolean mfaRequired, @Nullable String mfaToken) {

		static TokenResponse of(Accounts.Tokens tokens) {
			return new TokenResponse(tokens.accessToken(), "Bearer", tokens.expiresIn(), tokens.refreshToken(), null,
					null);
		}
	}

	@PostMapping("/signup")
	@SecurityRequirements
	@Operation(summary = "Create an account", description = "Creates the account and, shortly after, a personal "
			+ "workspace. Passwords need at least 12 characters and must not be a common password.")
	@ApiResponse(responseCode = "201", description = "Account created")
	@ApiResponse(responseCode = "400", description = "Validation failed, invalid e-mail or weak password")
	@ApiResponse(responseCode = "409", description = "E-mail already registered (code email_taken)")
	ResponseEntity<UserResponse> signUp(@Valid @RequestBody SignUpRequest body, HttpServletRequest request) {
		UserSummary user = accounts.signUp(body.email(), body.password(), body.displayName(), Clients.of(request));
		return ResponseEntity.status(HttpStatus.CREATED).body(UserResponse.of(user));
	}

	@PostMapping("/login")
	@SecurityRequirements
	@Operation(summary = "Log in with e-mail and password",
			description = "Returns tokens, or `mfa_required: true` with an `mfa_token` to complete at /auth/mfa.")
	@ApiResponse(responseCode = "200", description = "Tokens or MFA challenge")
	@ApiResponse(responseCode = "401", description = "Wrong e-mail or password (code invalid_credentials)")
	@ApiResponse(responseCode = "429", description = "Locked after repeated failures (code account_locked) or rate limited")
	TokenResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
		return switch (accounts.login(body.email(), body.password(), Clients.of(request))) {
			case Accounts.LoginResult.Authenticated ok -> TokenResponse.of(ok.tokens());
			case Accounts.LoginResult.MfaRequired mfa -> new TokenResponse(null, null, mfa.expiresIn(), null, true,
					mfa.mfaToken());
		};
	}

	@PostMapping("/mfa")
	@SecurityRequirements
	@Operation(summary = "Complete a login with a TOTP code or a recovery code")
	@ApiResponse(responseCode = "200", description = "Tokens")
	@ApiResponse(responseCode = "401", description = "Invalid MFA token or code")
	TokenResponse mfa(@Valid @RequestBody MfaRequest body, HttpServletRequest request) {
		return TokenResponse.of(accounts.completeMfa(body.mfaToken(), body.code(), body.recoveryCode(),
				Clients.of(request)));
	}

	@PostMapping("/refresh")
	@SecurityRequirements
	@Operation(summary = "Exchange a refresh token for new tokens",
			description = "Refresh tokens rotate on every use. Presenting an already-used one revokes the session.")
	@ApiResponse(responseCode = "200", description = "New access and refresh token")
	@ApiResponse(responseCode = "401", description = "invalid_refresh_token or refresh_token_reused")
	TokenResponse refresh(@Valid @RequestBody RefreshRequest body, HttpServletRequest request) {
		return TokenResponse.of(accounts.refresh(body.refreshToken(), Clients.of(request)));
	}

	@PostMapping("/logout")
	@Operation(summary = "End the current session", description = "Revokes the session of the access token and "
			+ "its refresh tokens.")
	@ApiResponse(responseCode = "204", description = "Logged out")
	ResponseEntity<Void> logout(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		CurrentUser person = Clients.person(user);
		accounts.logout(person.sessionId(), person.userId(), Clients.of(request));
		return ResponseEntity.noContent().build();
	}
}
