package io.knowledgecloud.identity.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.AuditLog;
import io.knowledgecloud.identity.Emails;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.identity.UserRegistered;
import io.knowledgecloud.identity.UserSummary;

/**
 * Accounts and logins: sign-up, password login with throttling and lockout, the TOTP second
 * step, refresh-token rotation, logout, MFA enrolment and recovery codes.
 */
@Service
public class Accounts {

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	/** What a client uses to authenticate after a successful login or refresh. */
	public record Tokens(String accessToken, long expiresIn, String refreshToken, UUID sessionId) {
	}

	/** Outcome of the password step: tokens, or the need for a second factor. */
	public sealed interface LoginResult {
		record Authenticated(Tokens tokens) implements LoginResult {
		}

		record MfaRequired(String mfaToken, long expiresIn) implements LoginResult {
		}
	}

	/** Where a request came from, for sessions and the audit log. */
	public record Client(@Nullable String ip, @Nullable String userAgent) {
	}

	private final Users users;
	private final PasswordPolicy policy;
	private final PasswordHasher hasher;
	private final LoginThrottle throttle;
	private final AccessTokens tokens;
	private final Sessions sessions;
	private final Totp totp;
	private final AuditLog audit;
	private final io.knowledgecloud.platform.SecretBox secrets;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final java.util.Set<String> adminEmails;
	private final com.github.benmanes.caffeine.cache.Cache<UserId, Optional<UserSummary>> summaries =
			io.knowledgecloud.platform.Caches.expiringAfterWrite(10_000, java.time.Duration.ofSeconds(2));

	Accounts(Users users, PasswordPolicy policy, PasswordHasher hasher, LoginThrottle throttle, AccessTokens tokens,
			Sessions sessions, Totp totp, AuditLog audit, io.knowledgecloud.platform.SecretBox secrets,
			JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, IdentitySettings settings) {
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.throttle = throttle;
		this.tokens = tokens;
		this.sessions = sessions;
		this.totp = totp;
		this.audit = audit;
		this.secrets = secrets;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.adminEmails = settings.adminEmails().stream().map(Emails::normalize).collect(java.util.stream.Collectors.toSet());
	}

	@Transactional
	public UserSummary signUp(String rawEmail, String password, @Nullable String displayName, Client client) {
		String email = Emails.normalize(rawEmail);
		policy.check(password, email);
		if (users.byEmail(email).isPresent()) {
			throw new EmailAlreadyRegistered();
		}
		String name = displayName == null || displayName.isBlank() ? email.substring(0, email.indexOf('@'))
				: displayName.strip();
		var user = new User(UserId.random(), email, name, hasher.hash(password), false, null, null, 0, clock.instant());
		try {
			users.insert(user);
		}
		catch (DuplicateKeyException e) {
			throw new EmailAlreadyRegistered();
		}
		events.publishEvent(new UserRegistered(user.id(), email, name));
		audit.record("user.registered", user.id(), user.id(), null, client.ip(), null);
		return user.summary();
	}

	public LoginResult login(String rawEmail, String password, Client client) {
		String email;
		try {
			email = Emails.normalize(rawEmail);
		}
		catch (Emails.InvalidEmail e) {
			hasher.matchesNobody(password);
			throw new InvalidCredentials();
		}
		int attempt = throttle.begin(email);
		Optional<User> user = users.byEmail(email);
		boolean valid;
		if (user.isPresent()) {
			valid = hasher.matches(password, user.get().passwordHash());
		}
		else {
			hasher.matchesNobody(password);
			valid = false;
		}
		if (!valid) {
			failed(email, attempt, user.orElse(null), client, "password");
		}
		User account = user.orElseThrow();
		if (hasher.needsRehash(account.passwordHash())) {
			users.updatePasswordHash(account.id(), hasher.hash(password));
		}
		if (account.mfaEnabled()) {
			// failures are forgiven only after the second factor (completeMfa): resetting here would
			// let whoever knows the password guess codes without limit by redoing this step
			throttle.release(email);
			var mfa = tokens.issueMfa(account.id());
			return new LoginResult.MfaRequired(mfa.token(), mfa.ttl().toSeconds());
		}
		throttle.reset(email);
		audit.record("login.succeeded", account.id(), account.id(), null, client.ip(), null);
		return new LoginResult.Authenticated(startSession(account, client));
	}

	/** Second login step: a TOTP code or a recovery code for the user named by the MFA token. */
	public Tokens completeMfa(String mfaToken, @Nullable String code, @Nullable String recoveryCode, Client client) {
		AccessTokens.Mfa mfa = tokens.verifyMfa(mfaToken);
		User account = users.byId(mfa.userId()).orElseThrow(InvalidMfaToken::new);
		if (!account.mfaEnabled() || account.mfaSecret() == null) {
			throw new InvalidMfaToken();
		}
		int attempt = throttle.begin(account.email());
		boolean ok = code != null ? acceptTotp(account, secrets.decrypt(account.mfaSecret(), "totp"), code)
				: recoveryCode != null && useRecoveryCode(account, recoveryCode, client);
		if (!ok) {
			failed(account.email(), attempt, account, client, "mfa");
		}
		// one login per MFA token: a replayed token needs the password again
		if (!useMfaToken(mfa.jti(), mfa.expiresAt())) {
			throw new InvalidMfaToken();
		}
		throttle.reset(account.email());
		audit.record("login.succeeded", account.id(), account.id(), null, client.ip(), "with second factor");
		return startSession(account, client);
	}

	/**
	 * Marks an MFA token used (table {@code identity_used_mfa_tokens}); false when it was used
	 * before, here or on another replica. Expired tokens are refused before they get here, and
	 * {@link #forgetExpiredMfaTokens} removes their rows.
	 */
	private boolean useMfaToken(String jti, java.time.Instant expiresAt) {
		// NOT EXISTS answers a replay without a failed statement (which would abort a PostgreSQL
		// transaction); the primary key still decides between two concurrent first uses
		try {
			return jdbc.sql("INSERT INTO identity_used_mfa_tokens (jti, expires_at) SELECT ?, ? WHERE NOT EXISTS "
					+ "(SELECT 1 FROM identity_used_mfa_tokens WHERE jti = ?)")
				.params(jti, java.sql.Timestamp.from(expiresAt), jti)
				.update() == 1;
		}
		catch (org.springframework.dao.DuplicateKeyException concurrentUse) {
			return false;
		}
	}

	/** Removes the used MFA tokens that have expired (every replica may run it; it is idempotent). */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	int forgetExpiredMfaTokens() {
		return jdbc.sql("DELETE FROM identity_used_mfa_tokens WHERE expires_at < ?")
			.param(java.sql.Timestamp.from(clock.instant()))
			.update();
	}

	@Transactional(noRollbackFor = RefreshTokenReused.class)
	public Tokens refresh(String refreshToken, Client client) {
		Sessions.RefreshOutcome outcome = sessions.refresh(refreshToken, client.userAgent(), client.ip());
		return switch (outcome) {
			case Sessions.RefreshOutcome.Rotated rotated -> {
				User user = users.byId(rotated.session().userId()).orElseThrow(InvalidRefreshToken::new);
				var access = tokens.issueAccess(user.id(), user.email(), rotated.session().id());
				yield new Tokens(access.token(), access.ttl().toSeconds(), rotated.refreshToken(), rotated.session().id());
			}
			case Sessions.RefreshOutcome.Reused reused -> {
				log.warn("Refresh token reuse detected; session {} revoked", reused.session().id());
				audit.record("refresh_token.reused", null, reused.session().userId(), null, client.ip(),
						"session " + reused.session().id() + " revoked");
				throw new RefreshTokenReused();
			}
			case Sessions.RefreshOutcome.Invalid invalid -> throw new InvalidRefreshToken();
		};
	}

	public void logout(UUID sessionId, UserId userId, Client client) {
		sessions.revoke(sessionId, "logout");
		audit.record("logout", userId, userId, null, client.ip(), null);
	}

	public List<Session> sessionsOf(UserId userId) {
		return sessions.active(userId);
	}

	public void revokeSession(UserId userId, UUID sessionId, Client client) {
		Session session = sessions.find(sessionId)
			.filter(s -> s.userId().equals(userId) && s.revokedAt() == null)
			.orElseThrow(SessionNotFound::new);
		sessions.revoke(session.id(), "revoked_by_user");
		audit.record("session.revoked", userId, userId, null, client.ip(), "session " + sessionId);
	}

	public int revokeAllSessions(UserId userId, @Nullable UUID except, Client client) {
		int count = sessions.revokeAll(userId, except, "revoked_by_user");
		audit.record("session.revoked", userId, userId, null, client.ip(), count + " sessions");
		return count;
	}

	// --- MFA enrolment ---

	/** Starts TOTP enrolment; returns the secret and its otpauth:// URI. */
	public String[] beginTotp(UserId userId) {
		User user = users.byId(userId).orElseThrow();
		if (user.mfaEnabled()) {
			throw new MfaAlreadyEnabled();
		}
		String secret = totp.newSecret();
		summaryChanged(userId);
		users.updateMfa(userId, false, null, secrets.encrypt(secret, "totp"));
		return new String[] { secret, totp.uri(secret, user.email()) };
	}

	/** Confirms enrolment with a first code; returns the one-time recovery codes. */
	@Transactional
	public List<String> activateTotp(UserId userId, String code, Client client) {
		User user = users.byId(userId).orElseThrow();
		if (user.mfaEnabled()) {
			throw new MfaAlreadyEnabled();
		}
		if (user.mfaPendingSecret() == null) {
			throw new MfaNotEnrolled();
		}
		String secret = secrets.decrypt(user.mfaPendingSecret(), "totp");
		OptionalLong step = totp.matchingStep(secret, code);
		if (step.isEmpty()) {
			throw new InvalidMfaCode();
		}
		summaryChanged(userId);
		users.updateMfa(userId, true, user.mfaPendingSecret(), null);
		users.advanceMfaStep(userId, step.getAsLong());
		List<String> codes = replaceRecoveryCodes(userId);
		audit.record("mfa.enabled", userId, userId, null, client.ip(), null);
		return codes;
	}

	/**
	 * Turns MFA off with the password and a code. Wrong passwords and codes count towards the same
	 * slow-down and lockout as failed logins (committed although the call fails), so a stolen
	 * session cannot be used to guess them.
	 */
	@Transactional(noRollbackFor = { InvalidCredentials.class, InvalidMfaCode.class, AccountLocked.class })
	public void disableTotp(UserId userId, String password, String code, Client client) {
		User user = users.byId(userId).orElseThrow();
		if (!user.mfaEnabled() || user.mfaSecret() == null) {
			throw new MfaNotEnrolled();
		}
		int attempt = throttle.begin(user.email());
		if (!hasher.matches(password, user.passwordHash())) {
			failed(user.email(), attempt, user, client, "mfa_disable");
		}
		if (!acceptTotp(user, secrets.decrypt(user.mfaSecret(), "totp"), code)
				&& !useRecoveryCode(user, code, client)) {
			failed(user.email(), attempt, user, client, "mfa");
		}
		throttle.reset(user.email());
		summaryChanged(userId);
		users.updateMfa(userId, false, null, null);
		jdbc.sql("DELETE FROM identity_recovery_codes WHERE user_id = ?").param(userId.value()).update();
		audit.record("mfa.disabled", userId, userId, null, client.ip(), null);
	}

	/** New recovery codes for a TOTP code; wrong codes count towards the lockout, as in {@link #disableTotp}. */
	@Transactional(noRollbackFor = { InvalidMfaCode.class, AccountLocked.class })
	public List<String> regenerateRecoveryCodes(UserId userId, String code, Client client) {
		User user = users.byId(userId).orElseThrow();
		if (!user.mfaEnabled() || user.mfaSecret() == null) {
			throw new MfaNotEnrolled();
		}
		int attempt = throttle.begin(user.email());
		if (!acceptTotp(user, secrets.decrypt(user.mfaSecret(), "totp"), code)) {
			failed(user.email(), attempt, user, client, "mfa");
		}
		throttle.reset(user.email());
		List<String> codes = replaceRecoveryCodes(userId);
		audit.record("mfa.recovery_codes_regenerated", userId, userId, null, client.ip(), null);
		return codes;
	}

	// --- look-ups for the facade ---

	public boolean isSystemAdmin(String email) {
		return adminEmails.contains(email);
	}

	/**
	 * A user's summary. Other modules ask for it on hot paths (GET /api/v1/me on every call), so it
	 * is kept for two seconds, and dropped at once when this replica changes it (MFA on or off).
	 */
	public Optional<UserSummary> find(UserId id) {
		return summaries.get(id, key -> users.byId(key).map(User::summary));
	}

	/** Forgets the cached summary now and again when the current transaction ends. */
	private void summaryChanged(UserId id) {
		io.knowledgecloud.platform.AfterTransaction.nowAndAtEnd(() -> summaries.invalidate(id));
	}

	public List<UserSummary> findAll(Collection<UserId> ids) {
		return users.byIds(ids.stream().map(UserId::value).toList()).stream().map(User::summary).toList();
	}

	// --- helpers ---

	private Tokens startSession(User user, Client client) {
		Sessions.Refreshed started = sessions.start(user.id(), client.userAgent(), client.ip());
		var access = tokens.issueAccess(user.id(), user.email(), started.session().id());
		return new Tokens(access.token(), access.ttl().toSeconds(), started.refreshToken(), started.session().id());
	}

	/** Records the failure, slows the answer down, locks when due, then refuses. */
	private void failed(String email, int attempt, @Nullable User user, Client client, String step) {
		LoginThrottle.Failure failure = throttle.recordFailure(email, attempt);
		if (user != null) {
			audit.record("login.failed", null, user.id(), null, client.ip(), step);
			if (failure.lockedNow()) {
				audit.record("account.locked", null, user.id(), null, client.ip(), "too many failed logins");
			}
		}
		sleep(failure.delay());
		if (step.equals("mfa")) {
			throw new InvalidMfaCode();
		}
		throw new InvalidCredentials();
	}

	private boolean acceptTotp(User user, String secret, String code) {
		OptionalLong step = totp.matchingStep(secret, code);
		return step.isPresent() && users.advanceMfaStep(user.id(), step.getAsLong());
	}

	private boolean useRecoveryCode(User user, String code, Client client) {
		String normalized = code.strip().toLowerCase(java.util.Locale.ROOT);
		int used = jdbc.sql("UPDATE identity_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
			.params(java.sql.Timestamp.from(clock.instant()), user.id().value(), Hashes.sha256(normalized))
			.update();
		if (used == 1) {
			audit.record("mfa.recovery_code_used", user.id(), user.id(), null, client.ip(), null);
		}
		return used == 1;
	}

	private List<String> replaceRecoveryCodes(UserId userId) {
		jdbc.sql("DELETE FROM identity_recovery_codes WHERE user_id = ?").param(userId.value()).update();
		List<String> codes = Arrays.asList(totp.recoveryCodes());
		for (String code : codes) {
			jdbc.sql("INSERT INTO identity_recovery_codes (user_id, code_hash) VALUES (?, ?)")
				.params(userId.value(), Hashes.sha256(code.toLowerCase(java.util.Locale.ROOT)))
				.update();
		}
		return codes;
	}

	private static void sleep(java.time.Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
