package io.knowledgecloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * TOTP enrolment, the two-step login, single use of codes and recovery codes, and turning MFA
 * off. The server accepts the current 30-second step ±1 and each step only once per user;
 * activation uses step {@code n} and the login step {@code n + 1}, which stays valid even if a
 * step boundary passes in between, so no test waits for the clock.
 */
@IntegrationTest
class MfaIT {

	private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	private final Api api;

	MfaIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	/** A user with MFA on: the secret, the step used to activate it and the recovery codes. */
	record Enrolled(Api.User user, String secret, long activatedStep, List<String> recoveryCodes) {
	}

	@Test
	void enrolmentReturnsASecretAndAnOtpauthUri() {
		Api.User user = api.signUp("enrol");
		Response enrolment = api.post("/api/v1/me/mfa/totp").token(user.accessToken()).send();
		assertThat(enrolment.status()).isEqualTo(200);
		String secret = enrolment.get("secret");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrolment.get("otpauth_uri")).startsWith("otpauth://totp/")
			.contains("secret=" + secret)
			.contains("issuer=KnowledgeCloud")
			.contains("algorithm=SHA1")
			.contains("digits=6")
			.contains("period=30");

		// not active until confirmed: login still answers tokens straight away
		assertThat(api.login(user.email(), user.password()).get("access_token")).isNotEmpty();
	}

	@Test
	void activationNeedsAValidCodeAndReturnsTenRecoveryCodes() {
		Api.User user = api.signUp("activate");
		String secret = api.post("/api/v1/me/mfa/totp").token(user.accessToken()).send().get("secret");

		Response wrong = activate(user, wrongCode(secret, currentStep()));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("invalid_mfa_code");

		Response activated = activate(user, code(secret, currentStep()));
		assertThat(activated.status()).isEqualTo(200);
		List<String> codes = activated.json().path("recovery_codes").values().stream().map(n -> n.asString()).toList();
		assertThat(codes).hasSize(10).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).hasSizeGreaterThan(10));

		Response again = api.post("/api/v1/me/mfa/totp").token(user.accessToken()).send();
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("mfa_already_enabled");
	}

	@Test
	void activatingWithoutEnrolmentIsRefused() {
		Api.User user = api.signUp("no-enrol");
		Response response = activate(user, "123456");
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.code()).isEqualTo("mfa_not_enrolled");
	}

	@Test
	void loginBecomesTwoStepAndEachCodeWorksOnce() {
		Enrolled enrolled = enable("two-step");
		Response first = api.login(enrolled.user().email(), enrolled.user().password());
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().path("mfa_required").asBoolean()).isTrue();
		assertThat(first.json().has("access_token")).isFalse();
		assertThat(first.json().has("refresh_token")).isFalse();
		String mfaToken = first.get("mfa_token");

		Response wrong = mfa(mfaToken, Map.of("code", wrongCode(enrolled.secret(), enrolled.activatedStep())));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("invalid_mfa_code");

		String code = code(enrolled.secret(), enrolled.activatedStep() + 1);
		Response ok = mfa(mfaToken, Map.of("code", code));
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.get("refresh_token")).isNotEmpty();
		assertThat(api.get("/api/v1/me").token(ok.get("access_token")).send().status()).isEqualTo(200);

		String freshMfaToken = api.login(enrolled.user().email(), enrolled.user().password()).get("mfa_token");
		Response replay = mfa(freshMfaToken, Map.of("code", code));
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.code()).isEqualTo("invalid_mfa_code");
		// nor does an older step become valid once a newer one was used
		Response older = mfa(freshMfaToken, Map.of("code", code(enrolled.secret(), enrolled.activatedStep())));
		assertThat(older.code()).isEqualTo("invalid_mfa_code");
	}

	@Test
	void aRecoveryCodeWorksOnceInsteadOfTheTotpCode() {
		Enrolled enrolled = enable("recovery");
		String recoveryCode = enrolled.recoveryCodes().get(3);

		Response ok = mfa(mfaToken(enrolled), Map.of("recovery_code", recoveryCode.toUpperCase()));
		assertThat(ok.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/me").token(ok.get("access_token")).send().status()).isEqualTo(200);

		Response again = mfa(mfaToken(enrolled), Map.of("recovery_code", recoveryCode));
		assertThat(again.status()).isEqualTo(401);
		assertThat(again.code()).isEqualTo("invalid_mfa_code");

		// an MFA token completes one login: replayed with another valid code it is refused
		String token = mfaToken(enrolled);
		assertThat(mfa(token, Map.of("recovery_code", enrolled.recoveryCodes().get(5))).status()).isEqualTo(200);
		Response replayed = mfa(token, Map.of("recovery_code", enrolled.recoveryCodes().get(6)));
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.code()).isEqualTo("invalid_mfa_token");

		Response madeUp = mfa(mfaToken(enrolled), Map.of("recovery_code", "aaaa-bbbb-cccc-dddd"));
		assertThat(madeUp.code()).isEqualTo("invalid_mfa_code");
		assertThat(mfa(mfaToken(enrolled), Map.of("recovery_code", enrolled.recoveryCodes().get(4))).status())
			.isEqualTo(200);
	}

	@Test
	void aRecoveryCodeOfAnotherUserIsRefused() {
		Enrolled alice = enable("recovery-alice");
		Enrolled bob = enable("recovery-bob");
		Response crossed = mfa(mfaToken(alice), Map.of("recovery_code", bob.recoveryCodes().get(0)));
		assertThat(crossed.status()).isEqualTo(401);
		assertThat(crossed.code()).isEqualTo("invalid_mfa_code");
	}

	@Test
	void guessingCodesLocksTheAccountEvenAcrossFreshPasswordLogins() {
		// someone who knows the password must not reset the count by redoing the password step
		Enrolled enrolled = enable("guessing");
		String wrong = wrongCode(enrolled.secret(), enrolled.activatedStep());
		int[] guessesPerPasswordLogin = { 3, 2 };
		for (int guesses : guessesPerPasswordLogin) {
			String mfaToken = mfaToken(enrolled);
			for (int guess = 1; guess <= guesses; guess++) {
				assertThat(mfa(mfaToken, Map.of("code", wrong)).code()).isEqualTo("invalid_mfa_code");
			}
		}

		Response locked = api.login(enrolled.user().email(), enrolled.user().password());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("account_locked");
		assertThat(locked.header("Retry-After")).isNotNull();
	}

	@Test
	void guessingCodesForNewRecoveryCodesLocksTheAccountToo() {
		// a stolen session must not be a way to guess TOTP codes without limit
		Enrolled enrolled = enable("regenerate-guess");
		String wrong = wrongCode(enrolled.secret(), enrolled.activatedStep());
		for (int guess = 1; guess <= 5; guess++) {
			Response refused = api.post("/api/v1/me/mfa/recovery-codes").token(enrolled.user().accessToken())
				.json(Map.of("code", wrong))
				.send();
			assertThat(refused.code()).isIn("invalid_mfa_code", "account_locked");
		}
		Response locked = api.login(enrolled.user().email(), enrolled.user().password());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("account_locked");
		Response stillRefused = api.post("/api/v1/me/mfa/recovery-codes").token(enrolled.user().accessToken())
			.json(Map.of("code", code(enrolled.secret(), enrolled.activatedStep() + 1)))
			.send();
		assertThat(stillRefused.code()).isEqualTo("account_locked");
	}

	@Test
	void aLockedAccountRefusesEvenTheRightCode() {
		Enrolled enrolled = enable("locked-mfa");
		String mfaToken = mfaToken(enrolled);
		for (int guess = 1; guess <= 5; guess++) {
			mfa(mfaToken, Map.of("code", wrongCode(enrolled.secret(), enrolled.activatedStep())));
		}
		Response locked = mfa(mfaToken, Map.of("code", code(enrolled.secret(), enrolled.activatedStep() + 1)));
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("account_locked");
	}

	@Test
	void theMfaTokenIsNotAnAccessTokenNorTheOtherWayRound() {
		Enrolled enrolled = enable("mfa-token");
		String mfaToken = mfaToken(enrolled);

		Response asBearer = api.get("/api/v1/me").token(mfaToken).send();
		assertThat(asBearer.status()).isEqualTo(401);
		assertThat(asBearer.code()).isEqualTo("unauthenticated");

		String code = code(enrolled.secret(), enrolled.activatedStep() + 1);
		Response accessAsMfa = mfa(enrolled.user().accessToken(), Map.of("code", code));
		assertThat(accessAsMfa.status()).isEqualTo(401);
		assertThat(accessAsMfa.code()).isEqualTo("invalid_mfa_token");
		Response garbage = mfa("not-a-token", Map.of("code", code));
		assertThat(garbage.code()).isEqualTo("invalid_mfa_token");

		// the refused attempts above did not use up the code
		assertThat(mfa(mfaToken, Map.of("code", code)).status()).isEqualTo(200);
	}

	@Test
	void disablingNeedsThePasswordAndACodeAndIsAudited() {
		Enrolled enrolled = enable("disable");
		Api.User user = enrolled.user();
		String recoveryCode = enrolled.recoveryCodes().get(0);

		Response wrongPassword = disable(user, "not-the-password-1", recoveryCode);
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.code()).isEqualTo("invalid_credentials");

		Response wrongCode = disable(user, user.password(), wrongCode(enrolled.secret(), enrolled.activatedStep()));
		assertThat(wrongCode.status()).isEqualTo(401);
		assertThat(wrongCode.code()).isEqualTo("invalid_mfa_code");

		Response missingCode = api.post("/api/v1/me/mfa/disable")
			.token(user.accessToken())
			.json(Map.of("password", user.password()))
			.send();
		assertThat(missingCode.code()).isEqualTo("validation_failed");

		assertThat(disable(user, user.password(), recoveryCode).status()).isEqualTo(204);
		Response login = api.login(user.email(), user.password());
		assertThat(login.get("access_token")).isNotEmpty();
		assertThat(login.json().has("mfa_required")).isFalse();

		Response again = disable(user, user.password(), enrolled.recoveryCodes().get(1));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("mfa_not_enrolled");

		var events = api.get("/api/v1/me/audit-events").token(user.accessToken()).send().json().path("items");
		assertThat(events.values()).extracting(e -> e.path("type").asString())
			.contains("mfa.enabled", "mfa.disabled", "mfa.recovery_code_used")
			.containsSubsequence("mfa.disabled", "mfa.enabled");
	}

	/** Signs up, enrols and activates with the current step. */
	private Enrolled enable(String prefix) {
		Api.User user = api.signUp(prefix);
		String secret = api.post("/api/v1/me/mfa/totp").token(user.accessToken()).send().get("secret");
		long step = currentStep();
		Response activated = activate(user, code(secret, step));
		assertThat(activated.status()).as("activation %s", activated).isEqualTo(200);
		List<String> codes = activated.json().path("recovery_codes").values().stream().map(n -> n.asString()).toList();
		return new Enrolled(user, secret, step, codes);
	}

	private String mfaToken(Enrolled enrolled) {
		Response login = api.login(enrolled.user().email(), enrolled.user().password());
		assertThat(login.json().path("mfa_required").asBoolean()).as("mfa_required in %s", login).isTrue();
		return login.get("mfa_token");
	}

	private Response activate(Api.User user, String code) {
		return api.post("/api/v1/me/mfa/totp/activate").token(user.accessToken()).json(Map.of("code", code)).send();
	}

	private Response mfa(String mfaToken, Map<String, String> second) {
		Map<String, String> body = new HashMap<>(second);
		body.put("mfa_token", mfaToken);
		return api.post("/api/v1/auth/mfa").json(body).send();
	}

	private Response disable(Api.User user, String password, String code) {
		return api.post("/api/v1/me/mfa/disable")
			.token(user.accessToken())
			.json(Map.of("password", password, "code", code))
			.send();
	}

	private static long currentStep() {
		return System.currentTimeMillis() / 1000 / 30;
	}

	private static String code(String secret, long step) {
		try {
			return CODES.generate(secret, step);
		}
		catch (CodeGenerationException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A well-formed code that matches none of the steps the server could accept around {@code step}. */
	private static String wrongCode(String secret, long step) {
		Set<String> valid = LongStream.rangeClosed(step - 2, step + 3)
			.mapToObj(s -> code(secret, s))
			.collect(Collectors.toSet());
		for (int candidate = 0;; candidate++) {
			String code = "%06d".formatted(candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}
}
