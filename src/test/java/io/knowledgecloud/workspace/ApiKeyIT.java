package io.knowledgecloud.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Workspace API keys over HTTP: shown once, stored hashed, authenticate within their scope and
 * workspace only, refused on account endpoints, and stop working when revoked, expired, or when
 * their creator loses access.
 */
@IntegrationTest
class ApiKeyIT {

	private final Api api;
	private final JdbcClient jdbc;

	@Autowired
	ApiKeyIT(@LocalServerPort int port, JdbcClient jdbc) {
		this.api = new Api(port);
		this.jdbc = jdbc;
	}

	/** A created key: its id and the one-time secret. */
	record Key(String id, String secret) {
	}

	@Test
	void theSecretIsShownOnceAndNeverListed() {
		Api.User owner = api.signUp("key-once");
		String ws = api.createWorkspace(owner, "Keys");
		Response created = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "CI pipeline", "scope", "read"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		String secret = created.get("secret");
		assertThat(secret).matches("kc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
		JsonNode key = created.json().path("key");
		assertThat(key.path("prefix").asString()).isEqualTo(secret.substring(0, 15));
		assertThat(key.path("name").asString()).isEqualTo("CI pipeline");
		assertThat(key.path("scope").asString()).isEqualTo("read");
		assertThat(key.path("created_by").asString()).isEqualTo(owner.id());
		assertThat(key.has("secret")).isFalse();
		assertThat(key.path("last_used_at").isNull()).isTrue();
		assertThat(key.path("revoked_at").isNull()).isTrue();

		Response list = api.get("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken()).send();
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("items").values()).extracting(k -> k.path("id").asString())
			.containsExactly(key.path("id").asString());
		assertThat(list.text()).doesNotContain(secret).doesNotContain(secret.substring(16)).doesNotContain("secret");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/audit-events").token(owner.accessToken()).send().text())
			.contains("api_key.created")
			.doesNotContain(secret.substring(16));
	}

	@Test
	void aKeyAuthenticatesAsBearerOrXApiKeyWithinItsScope() {
		Api.User owner = api.signUp("key-scope");
		String ws = api.createWorkspace(owner, "Scoped");
		Key read = createKey(owner, ws, "read");
		Key write = createKey(owner, ws, "write");
		Key admin = createKey(owner, ws, "admin");

		Response bearer = api.get("/api/v1/workspaces/" + ws).token(read.secret()).send();
		assertThat(bearer.status()).isEqualTo(200);
		assertThat(bearer.get("role")).isEqualTo("viewer");
		Response header = api.get("/api/v1/workspaces/" + ws).header("X-API-Key", read.secret()).send();
		assertThat(header.status()).isEqualTo(200);
		assertThat(header.get("role")).isEqualTo("viewer");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/members").header("X-API-Key", write.secret()).send()
			.status()).isEqualTo(200);

		// below the scope's ceiling the owner's own role does not help
		assertProblem(rename(read, ws, "By read key"), 403, "insufficient_role");
		assertProblem(rename(write, ws, "By write key"), 403, "insufficient_role");
		assertProblem(api.get("/api/v1/workspaces/" + ws + "/api-keys").token(write.secret()).send(), 403,
				"insufficient_role");
		assertProblem(api.post("/api/v1/workspaces/" + ws + "/api-keys").token(read.secret())
			.json(Map.of("name", "escalate", "scope", "admin"))
			.send(), 403, "insufficient_role");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(write.secret()).send().get("role")).isEqualTo("editor");

		Response renamed = rename(admin, ws, "By admin key");
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.get("name")).isEqualTo("By admin key");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/audit-events").header("X-API-Key", admin.secret()).send()
			.status()).isEqualTo(200);
		// an admin key is not an owner: the owner-only actions stay out of reach
		assertProblem(api.delete("/api/v1/workspaces/" + ws).token(admin.secret()).send(), 403, "insufficient_role");
		assertProblem(api.post("/api/v1/workspaces/" + ws + "/invitations").token(admin.secret())
			.json(Map.of("email", Api.uniqueEmail("key-owner"), "role", "owner"))
			.send(), 403, "owner_required");
		assertThat(api.post("/api/v1/workspaces/" + ws + "/invitations").token(admin.secret())
			.json(Map.of("email", Api.uniqueEmail("key-invitee"), "role", "editor"))
			.send()
			.status()).isEqualTo(201);
	}

	@Test
	void forgedOrMangledKeysAreUnauthenticated() {
		Api.User owner = api.signUp("key-forged");
		String ws = api.createWorkspace(owner, "Forged");
		Key key = createKey(owner, ws, "admin");
		char last = key.secret().charAt(key.secret().length() - 1);
		String wrongSecret = key.secret().substring(0, key.secret().length() - 1) + (last == 'A' ? 'B' : 'A');
		for (String forged : List.of(wrongSecret, "kc_000000000000_" + "A".repeat(43), "kc_", "kc_short",
				key.secret().substring(0, 15), key.secret() + "x")) {
			assertProblem(api.get("/api/v1/workspaces/" + ws).token(forged).send(), 401, "unauthenticated");
			assertProblem(api.get("/api/v1/workspaces/" + ws).header("X-API-Key", forged).send(), 401,
					"unauthenticated");
		}
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().status()).isEqualTo(200);
	}

	@Test
	void meWithAKeyShowsTheKeyAndOnlyItsWorkspace() {
		Api.User owner = api.signUp("key-me");
		String ws = api.createWorkspace(owner, "Keyed");
		Key key = createKey(owner, ws, "write");
		// the owner has newer workspaces too, which the key must neither see nor be paged past
		api.createWorkspace(owner, "Newer one");
		api.createWorkspace(owner, "Newer two");

		Response me = api.get("/api/v1/me").token(key.secret()).send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.get("authenticated_with")).isEqualTo("api_key");
		assertThat(me.get("api_key_id")).isEqualTo(key.id());
		assertThat(me.get("api_key_scope")).isEqualTo("write");
		assertThat(me.get("id")).isEqualTo(owner.id());
		JsonNode workspaces = me.json().path("workspaces");
		assertThat(workspaces.size()).isEqualTo(1);
		assertThat(workspaces.get(0).path("id").asString()).isEqualTo(ws);
		assertThat(workspaces.get(0).path("role").asString()).isEqualTo("editor");

		Response asPerson = api.get("/api/v1/me").token(owner.accessToken()).send();
		assertThat(asPerson.get("authenticated_with")).isEqualTo("access_token");
		assertThat(asPerson.json().has("api_key_id")).isFalse();
		assertThat(asPerson.json().path("workspaces").size()).isEqualTo(4);

		for (String limit : List.of("", "?limit=1", "?limit=2", "?limit=100")) {
			Response list = api.get("/api/v1/workspaces" + limit).token(key.secret()).send();
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.json().path("items").values()).as("GET /api/v1/workspaces" + limit)
				.extracting(w -> w.path("id").asString())
				.containsExactly(ws);
			assertThat(list.json().path("next_cursor").isNull()).as(list.toString()).isTrue();
		}
	}

	@Test
	void accountEndpointsRefuseApiKeys() {
		Api.User owner = api.signUp("key-account");
		String ws = api.createWorkspace(owner, "Account");
		Key key = createKey(owner, ws, "admin");

		assertProblem(api.get("/api/v1/me/sessions").token(key.secret()).send(), 403, "api_key_not_allowed");
		assertProblem(api.delete("/api/v1/me/sessions").token(key.secret()).send(), 403, "api_key_not_allowed");
		assertProblem(api.get("/api/v1/me/audit-events").token(key.secret()).send(), 403, "api_key_not_allowed");
		assertProblem(api.post("/api/v1/workspaces").header("X-API-Key", key.secret())
			.json(Map.of("name", "Made by a key"))
			.send(), 403, "api_key_not_allowed");
		assertProblem(api.post("/api/v1/invitations/accept").token(key.secret())
			.json(Map.of("token", "kci_anything"))
			.send(), 403, "api_key_not_allowed");
		assertProblem(api.post("/api/v1/workspaces/" + ws + "/leave").token(key.secret()).send(), 403,
				"api_key_not_allowed");
		assertProblem(api.get("/api/v1/admin/dev-mailbox").token(key.secret()).send(), 403, "api_key_not_allowed");

		// nothing happened on the owner's behalf
		assertThat(api.get("/api/v1/me/sessions").token(owner.accessToken()).send().json().size()).isEqualTo(1);
		assertThat(api.get("/api/v1/workspaces").token(owner.accessToken()).send().json().path("items").size())
			.isEqualTo(2);
	}

	@Test
	void revokedKeysAreRefusedAndKeysAreRevokedOnlyInTheirOwnWorkspace() {
		Api.User owner = api.signUp("key-revoke");
		String ws = api.createWorkspace(owner, "Revocation");
		Key key = createKey(owner, ws, "read");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().status()).isEqualTo(200);

		assertProblem(api.delete("/api/v1/workspaces/" + owner.personalWorkspace() + "/api-keys/" + key.id())
			.token(owner.accessToken())
			.send(), 404, "api_key_not_found");
		assertProblem(api.delete("/api/v1/workspaces/" + ws + "/api-keys/" + UUID.randomUUID())
			.token(owner.accessToken())
			.send(), 404, "api_key_not_found");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().status()).isEqualTo(200);

		assertThat(api.delete("/api/v1/workspaces/" + ws + "/api-keys/" + key.id()).token(owner.accessToken()).send()
			.status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send(), 401, "unauthenticated");
		assertProblem(api.get("/api/v1/workspaces/" + ws).header("X-API-Key", key.secret()).send(), 401,
				"unauthenticated");
		JsonNode listed = onlyKey(owner, ws);
		assertThat(listed.path("revoked_at").isNull()).isFalse();
	}

	@Test
	void pastExpiriesAndUnknownScopesAreInvalidAndExpiredKeysStopWorking() {
		Api.User owner = api.signUp("key-expiry");
		String ws = api.createWorkspace(owner, "Expiry");
		Response past = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "stale", "scope", "read", "expires_at", "2001-01-01T00:00:00Z"))
			.send();
		assertProblem(past, 400, "validation_failed");
		assertThat(past.json().path("errors").get(0).path("field").asString()).isEqualTo("expires_at");
		Response unknownScope = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "root", "scope", "superuser"))
			.send();
		assertProblem(unknownScope, 400, "invalid_type");
		assertThat(unknownScope.json().path("errors").get(0).path("field").asString()).isEqualTo("scope");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken()).send().json()
			.path("items")
			.size()).isZero();

		Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
		Response created = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "short-lived", "scope", "read", "expires_at", inAnHour.toString()))
			.send();
		assertThat(created.status()).isEqualTo(201);
		Key key = new Key(created.json().path("key").path("id").asString(), created.get("secret"));
		assertThat(Instant.parse(created.json().path("key").path("expires_at").asString()))
			.isCloseTo(inAnHour, org.assertj.core.api.Assertions.within(Duration.ofSeconds(1)));
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().status()).isEqualTo(200);

		int updated = jdbc.sql("UPDATE identity_api_keys SET expires_at = ? WHERE id = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), UUID.fromString(key.id()))
			.update();
		assertThat(updated).isEqualTo(1);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send(), 401, "unauthenticated");
		assertProblem(api.get("/api/v1/me").header("X-API-Key", key.secret()).send(), 401, "unauthenticated");
	}

	@Test
	void lastUsedAtIsSetOnceTheKeyIsUsed() {
		Api.User owner = api.signUp("key-last-used");
		String ws = api.createWorkspace(owner, "Last used");
		Key key = createKey(owner, ws, "read");
		assertThat(onlyKey(owner, ws).path("last_used_at").isNull()).isTrue();

		Instant before = Instant.now().minusSeconds(1);
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().status()).isEqualTo(200);
		JsonNode used = onlyKey(owner, ws);
		assertThat(used.path("last_used_at").isNull()).isFalse();
		assertThat(Instant.parse(used.path("last_used_at").asString())).isBetween(before,
				Instant.now().plusSeconds(1));
	}

	@Test
	void aKeyActsForItsCreatorAndStopsWorkingWhenTheCreatorIsDemotedOrRemoved() {
		Api.User owner = api.signUp("key-creator");
		Api.User admin = api.signUp("key-creator-admin");
		String ws = api.createWorkspace(owner, "Creator");
		api.addMember(owner, ws, admin, "admin");
		Key key = createKey(admin, ws, "admin");
		assertThat(onlyKey(owner, ws).path("created_by").asString()).isEqualTo(admin.id());
		assertThat(rename(key, ws, "Renamed by the admin's key").status()).isEqualTo(200);

		// the key's power is capped by the creator's current role, not the one they had
		assertThat(api.patch("/api/v1/workspaces/" + ws + "/members/" + admin.id()).token(owner.accessToken())
			.json(Map.of("role", "viewer"))
			.send()
			.status()).isEqualTo(200);
		assertProblem(rename(key, ws, "Not any more"), 403, "insufficient_role");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send().get("role")).isEqualTo("viewer");

		assertThat(api.delete("/api/v1/workspaces/" + ws + "/members/" + admin.id()).token(owner.accessToken()).send()
			.status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(key.secret()).send(), 404, "workspace_not_found");
		assertProblem(api.get("/api/v1/workspaces/" + ws + "/members").token(key.secret()).send(), 404,
				"workspace_not_found");
		assertThat(api.get("/api/v1/me").token(key.secret()).send().json().path("workspaces").size()).isZero();
	}

	@Test
	void aKeyOpensOnlyItsOwnWorkspace() {
		Api.User owner = api.signUp("key-tenant");
		String ws = api.createWorkspace(owner, "Home");
		Key key = createKey(owner, ws, "admin");
		String personal = owner.personalWorkspace();

		// the creator owns the personal workspace, but the key was not made for it
		assertProblem(api.get("/api/v1/workspaces/" + personal).token(key.secret()).send(), 404,
				"workspace_not_found");
		assertProblem(api.get("/api/v1/workspaces/" + personal + "/members").token(key.secret()).send(), 404,
				"workspace_not_found");
		assertProblem(api.post("/api/v1/workspaces/" + personal + "/api-keys").token(key.secret())
			.json(Map.of("name", "pivot", "scope", "admin"))
			.send(), 404, "workspace_not_found");
		assertProblem(api.get("/api/v1/workspaces/" + UUID.randomUUID()).token(key.secret()).send(), 404,
				"workspace_not_found");
		Api.User stranger = api.signUp("key-tenant-stranger");
		assertProblem(api.get("/api/v1/workspaces/" + stranger.personalWorkspace()).token(key.secret()).send(), 404,
				"workspace_not_found");
		assertThat(api.get("/api/v1/workspaces/" + personal + "/api-keys").token(owner.accessToken()).send().json()
			.path("items")
			.size()).isZero();
	}

	// --- helpers ---

	private Key createKey(Api.User creator, String ws, String scope) {
		Response created = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(creator.accessToken())
			.json(Map.of("name", scope + " key", "scope", scope))
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new Key(created.json().path("key").path("id").asString(), created.get("secret"));
	}

	private JsonNode onlyKey(Api.User admin, String ws) {
		JsonNode items = api.get("/api/v1/workspaces/" + ws + "/api-keys").token(admin.accessToken()).send().json()
			.path("items");
		assertThat(items.size()).isEqualTo(1);
		return items.get(0);
	}

	private Response rename(Key key, String ws, String name) {
		return api.patch("/api/v1/workspaces/" + ws).token(key.secret()).json(Map.of("name", name)).send();
	}

	private static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.code()).as(response.toString()).isEqualTo(code);
	}
}
