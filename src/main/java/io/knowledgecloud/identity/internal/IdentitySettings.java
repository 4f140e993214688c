package io.knowledgecloud.identity.internal;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity configuration ({@code kc.identity.*}), documented in docs/configuration.md.
 *
 * @param issuer the {@code iss} of access tokens
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of a login session and its refresh tokens
 * @param mfaTokenTtl lifetime of the token between the password step and the TOTP step
 * @param keyRotation how long one signing key signs before a new one takes over
 * @param argon2 password hashing cost
 * @param login failed-login slow-down and lockout
 * @param adminEmails accounts with system-admin rights (e.g. reading the whole dev mailbox)
 */
@Validated
@ConfigurationProperties("kc.identity")
public record IdentitySettings(@DefaultValue("knowledgecloud") @NotBlank String issuer,
		@DefaultValue("10m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
		@DefaultValue("5m") Duration mfaTokenTtl, @DefaultValue("30d") Duration keyRotation,
		@DefaultValue @Valid Argon2 argon2, @DefaultValue @Valid Login login,
		@DefaultValue List<String> adminEmails) {

	/** Argon2id parameters; defaults follow OWASP's minimum (19 MiB, 2 iterations, 1 lane). */
	public record Argon2(@DefaultValue("19456") @Min(8192) int memoryKib, @DefaultValue("2") @Min(1) int iterations,
			@DefaultValue("1") @Min(1) @Max(16) int parallelism) {
	}

	/**
	 * @param slowDownAfter failures (per e-mail, within {@code window}) before responses are delayed
	 * @param delayStep added delay per failure beyond {@code slowDownAfter}
	 * @param maxDelay cap of the delay
	 * @param lockAfter failures before the account is locked
	 * @param lockDuration how long a lock lasts
	 * @param window failures older than this are forgotten
	 */
	public record Login(@DefaultValue("3") @Min(1) int slowDownAfter, @DefaultValue("250ms") Duration delayStep,
			@DefaultValue("2s") Duration maxDelay, @DefaultValue("10") @Min(1) int lockAfter,
			@DefaultValue("15m") Duration lockDuration, @DefaultValue("15m") Duration window) {
	}
}
