package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Idempotency-Key on POST: replay, body mismatch, in-flight duplicate, per-caller scope. */
@IntegrationTest
class IdempotencyIT {

	private final Api api;
	@Autowired
	JdbcClient jdbc;
	private Api.User user;

	IdempotencyIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void signUp() {
		user = api.signUp("idem");
	}

	@Test
	void aRetryReplaysTheFirstResponseAndCreatesNothingNew() {
		Response first = create("key-1", "Replayed");
		Response second = create("key-1", "Replayed");
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(first.header("Idempotent-Replayed")).isNull();
		long named = api.get("/api/v1/workspaces?limit=100").token(user.accessToken()).send().json().path("items")
			.values()
			.stream()
			.filter(w -> w.path("name").asString().equals("Replayed"))
			.count();
		assertThat(named).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIs422() {
		create("key-2", "One");
		Response other = create("key-2", "Two");
		ApiConventionsIT.assertProblem(other, 422, "idempotency_key_reused");
	}

	@Test
	void aDuplicateWhileTheFirstIsInFlightIs409() {
		// learn the fingerprint of this exact request from a completed one
		assertThat(create("probe", "Racing").status()).isEqualTo(201);
		String hash = jdbc.sql("SELECT request_hash FROM platform_idempotency_keys WHERE idem_key = 'probe'")
			.query(String.class)
			.single();
		// a first request with key 'in-flight' has claimed it and is still running
		jdbc.sql("""
				INSERT INTO platform_idempotency_keys (scope, idem_key, request_hash, state, status, created_at, expires_at)
				VALUES (?, 'in-flight', ?, 'IN_PROGRESS', 0, ?, ?)""")
			.params("user:" + user.id(), hash, Timestamp.from(Instant.now()),
					Timestamp.from(Instant.now().plusSeconds(600)))
			.update();
		ApiConventionsIT.assertProblem(create("in-flight", "Racing"), 409, "idempotency_in_progress");
	}

	@Test
	void keysAreScopedToTheCaller() {
		Api.User other = api.signUp("idem-other");
		Response mine = create("shared-key", "Mine");
		Response theirs = api.post("/api/v1/workspaces").token(other.accessToken()).header("Idempotency-Key", "shared-key")
			.json(Map.of("name", "Mine"))
			.send();
		assertThat(theirs.status()).isEqualTo(201);
		assertThat(theirs.get("id")).isNotEqualTo(mine.get("id"));
	}

	@Test
	void errorsBelow500AreReplayedToo() {
		Response first = api.post("/api/v1/workspaces").token(user.accessToken()).header("Idempotency-Key", "bad-1")
			.raw("{\"name\":\"\"}", "application/json")
			.send();
		Response again = api.post("/api/v1/workspaces").token(user.accessToken()).header("Idempotency-Key", "bad-1")
			.raw("{\"name\":\"\"}", "application/json")
			.send();
		assertThat(first.status()).isEqualTo(400);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
	}

	@Test
	void malformedKeysAreRefused() {
		Response response = api.post("/api/v1/workspaces").token(user.accessToken())
			.header("Idempotency-Key", "x".repeat(300))
			.json(Map.of("name", "n"))
			.send();
		ApiConventionsIT.assertProblem(response, 400, "invalid_idempotency_key");
	}

	private Response create(String key, String name) {
		return api.post("/api/v1/workspaces").token(user.accessToken()).header("Idempotency-Key", key)
			.json(Map.of("name", name))
			.send();
	}
}
