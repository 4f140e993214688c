package io.knowledgecloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Repeated failed logins lock the address (test config: lock after 5 failures) for real and
 * unknown addresses alike, so the lock cannot be used to find out who has an account, and
 * sending guesses in parallel buys no extra tries.
 */
@IntegrationTest
class LockoutIT {

	private static final int LOCK_AFTER = 5;
	private static final String WRONG = "wrong-password-123";

	private final Api api;
	private final AuditLog audit;

	@Autowired
	LockoutIT(@LocalServerPort int port, AuditLog audit) {
		this.api = new Api(port);
		this.audit = audit;
	}

	@Test
	void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() {
		Api.User user = api.signUp("locked");
		for (int attempt = 1; attempt <= LOCK_AFTER; attempt++) {
			Response failed = api.login(user.email(), WRONG);
			assertThat(failed.status()).as("attempt %d", attempt).isEqualTo(401);
			assertThat(failed.code()).as("attempt %d", attempt).isEqualTo("invalid_credentials");
		}

		Response locked = api.login(user.email(), user.password());
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.code()).isEqualTo("account_locked");
		assertThat(locked.json().has("access_token")).isFalse();
		String retryAfter = locked.header("Retry-After");
		assertThat(retryAfter).isNotNull().matches("\\d+");
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L);
		assertThat(locked.json().path("retry_after").asLong()).isEqualTo(Long.parseLong(retryAfter));

		// the lock holds for every spelling of the address, and the session made before it still works
		assertThat(api.login(user.email().toUpperCase(), user.password()).code()).isEqualTo("account_locked");
		assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
	}

	@Test
	void failuresAndTheLockAreAudited() {
		Api.User user = api.signUp("audited");
		for (int attempt = 1; attempt <= LOCK_AFTER; attempt++) {
			api.login(user.email(), WRONG);
		}
		api.login(user.email(), user.password());

		List<String> types = audit.aboutUser(new UserId(UUID.fromString(user.id())), null, 100)
			.items()
			.stream()
			.map(AuditLog.AuditEvent::type)
			.toList();
		assertThat(types).filteredOn("login.failed"::equals).hasSize(LOCK_AFTER);
		assertThat(types).filteredOn("account.locked"::equals).hasSize(1);
		// newest first: the lock follows the last failure, and the refused login left no success behind
		assertThat(types).startsWith("account.locked", "login.failed");
		assertThat(types).filteredOn("login.succeeded"::equals).hasSize(1);
	}

	@Test
	void anUnknownAddressIsAnsweredExactlyLikeAnExistingOne() {
		Api.User user = api.signUp("enumeration");
		String unknown = Api.uniqueEmail("nobody");

		List<String> real = attempts(user.email(), user.password());
		List<String> ghost = attempts(unknown, user.password());

		assertThat(ghost).isEqualTo(real);
		assertThat(real).containsExactly("401 invalid_credentials true", "401 invalid_credentials true",
				"401 invalid_credentials true", "401 invalid_credentials true", "401 invalid_credentials true",
				"429 account_locked true", "429 account_locked true");
	}

	@Test
	void aSuccessfulLoginResetsTheFailureCount() {
		Api.User user = api.signUp("reset");
		for (int round = 1; round <= 3; round++) {
			for (int attempt = 1; attempt < LOCK_AFTER; attempt++) {
				assertThat(api.login(user.email(), WRONG).code()).as("round %d attempt %d", round, attempt)
					.isEqualTo("invalid_credentials");
			}
			assertThat(api.login(user.email(), user.password()).status()).as("round %d", round).isEqualTo(200);
		}
	}

	@Test
	void failuresOnOneAddressDoNotLockAnother() {
		Api.User victim = api.signUp("victim");
		Api.User bystander = api.signUp("bystander");
		for (int attempt = 1; attempt <= LOCK_AFTER; attempt++) {
			api.login(victim.email(), WRONG);
		}
		assertThat(api.login(victim.email(), victim.password()).code()).isEqualTo("account_locked");
		assertThat(api.login(bystander.email(), bystander.password()).status()).isEqualTo(200);
	}

	@Test
	void parallelGuessesGetNoMoreTriesThanSequentialOnes() throws Exception {
		// the password check is slow: attempts under way must count before it, not after
		Api.User user = api.signUp("parallel");
		int parallel = 20;
		List<Callable<Response>> guesses = new ArrayList<>();
		for (int i = 0; i < parallel; i++) {
			guesses.add(() -> api.login(user.email(), WRONG));
		}
		List<String> codes = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
			for (Future<Response> answer : pool.invokeAll(guesses)) {
				codes.add(answer.get().code());
			}
		}
		assertThat(codes).containsOnly("invalid_credentials", "account_locked");
		assertThat(codes).filteredOn("invalid_credentials"::equals).hasSizeLessThanOrEqualTo(LOCK_AFTER);
		assertThat(api.login(user.email(), user.password()).code()).isEqualTo("account_locked");
	}

	/**
	 * Five wrong passwords, then a wrong and the right one (for an unknown address "right" is just
	 * another guess): status, code, and whether the answer tells when to retry.
	 */
	private List<String> attempts(String email, String rightPassword) {
		List<String> outcomes = new ArrayList<>();
		for (int attempt = 1; attempt <= LOCK_AFTER + 1; attempt++) {
			outcomes.add(outcome(api.login(email, WRONG)));
		}
		outcomes.add(outcome(api.login(email, rightPassword)));
		return outcomes;
	}

	private static String outcome(Response response) {
		boolean shaped = response.status() == 429 ? response.header("Retry-After") != null
				: response.header("Retry-After") == null;
		return response.status() + " " + response.code() + " " + shaped;
	}
}
