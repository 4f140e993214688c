package io.knowledgecloud.workspace;

import static io.knowledgecloud.workspace.AuthorizationMatrixIT.Trait.FRESH_WORKSPACE;
import static io.knowledgecloud.workspace.AuthorizationMatrixIT.Trait.LAST_OWNER_STAYS;
import static io.knowledgecloud.workspace.AuthorizationMatrixIT.Trait.OWNER_GRANT;
import static io.knowledgecloud.workspace.AuthorizationMatrixIT.Trait.PEOPLE_ONLY;
import static io.knowledgecloud.workspace.Role.ADMIN;
import static io.knowledgecloud.workspace.Role.OWNER;
import static io.knowledgecloud.workspace.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Every workspace endpoint × every kind of caller → the expected status and problem code.
 *
 * <p>The table below lists each endpoint with the least role that may call it; {@link #expected}
 * turns it into the answer for each principal with a handful of rules: no credential → 401; a
 * caller outside the workspace (an outsider, or an API key of another workspace, even one whose
 * creator is the owner here) → 404 {@code workspace_not_found} exactly as for a workspace that
 * does not exist; a role below the minimum → 403. An API key's role is its scope's ceiling.
 *
 * <p>Cells never share state they could destroy: every cell acts on an object created just for
 * it (a member, an invitation, a key), and rows that delete the workspace or the caller's
 * membership get a whole fresh workspace per cell.
 */
@IntegrationTest
class AuthorizationMatrixIT {

	/** Who calls, and the role they effectively hold in the workspace under test (null: none). */
	enum Principal {
		OWNER(Role.OWNER), ADMIN(Role.ADMIN), EDITOR(Role.EDITOR), VIEWER(Role.VIEWER),
		KEY_ADMIN(Role.ADMIN), KEY_WRITE(Role.EDITOR), KEY_READ(Role.VIEWER),
		/** Signed in, member of their own workspace only. */
		OUTSIDER(null),
		/** An admin key of the owner's personal workspace: a valid key, but for another tenant. */
		FOREIGN_KEY(null),
		ANONYMOUS(null);

		final @Nullable Role role;

		Principal(@Nullable Role role) {
			this.role = role;
		}

		boolean apiKey() {
			return name().contains("KEY");
		}
	}

	enum Trait {
		/** Destroys the workspace or the caller's membership: each cell gets its own workspace. */
		FRESH_WORKSPACE,
		/** Account-level action that API keys may not take, whatever their scope. */
		PEOPLE_ONLY,
		/** Grants the owner role: admins pass the role check but only owners may do it. */
		OWNER_GRANT,
		/** The workspace's only owner is refused (last_owner) instead of succeeding. */
		LAST_OWNER_STAYS
	}

	/** One row of the matrix. {@code {member}}, {@code {invitation}} and {@code {key}} are made per cell. */
	record Endpoint(String method, String path, Role minimum, int success, @Nullable Supplier<Object> body,
			Set<Trait> traits) {

		Endpoint with(Supplier<Object> newBody) {
			return new Endpoint(method, path, minimum, success, newBody, traits);
		}

		boolean has(Trait trait) {
			return traits.contains(trait);
		}

		@Override
		public String toString() {
			return method + " " + path + " (least role: " + minimum.json() + ")";
		}
	}

	static Endpoint row(String method, String path, Role minimum, int success, Trait... traits) {
		return new Endpoint(method, "/api/v1" + path, minimum, success, null,
				traits.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(traits)));
	}

	static final List<Endpoint> ENDPOINTS = List.of(
	// @formatter:off
	//      method    path                                         least role  success
		row("GET",    "/workspaces/{ws}",                          VIEWER,     200),
		row("PATCH",  "/workspaces/{ws}",                          ADMIN,      200)
			.with(() -> Map.of("name", "Renamed")),
		row("DELETE", "/workspaces/{ws}",                          OWNER,      204, FRESH_WORKSPACE),
		row("GET",    "/workspaces/{ws}/members",                  VIEWER,     200),
		row("PATCH",  "/workspaces/{ws}/members/{member}",         ADMIN,      200)
			.with(() -> Map.of("role", "editor")),
		row("PATCH",  "/workspaces/{ws}/members/{member}",         OWNER,      200, OWNER_GRANT)
			.with(() -> Map.of("role", "owner")),
		row("DELETE", "/workspaces/{ws}/members/{member}",         ADMIN,      204),
		row("POST",   "/workspaces/{ws}/invitations",              ADMIN,      201)
			.with(() -> Map.of("email", Api.uniqueEmail("matrix-invitee"), "role", "viewer")),
		row("GET",    "/workspaces/{ws}/invitations",              ADMIN,      200),
		row("DELETE", "/workspaces/{ws}/invitations/{invitation}", ADMIN,      204),
		row("GET",    "/workspaces/{ws}/api-keys",                 ADMIN,      200),
		row("POST",   "/workspaces/{ws}/api-keys",                 ADMIN,      201)
			.with(() -> Map.of("name", "matrix", "scope", "read")),
		row("DELETE", "/workspaces/{ws}/api-keys/{key}",           ADMIN,      204),
		row("GET",    "/workspaces/{ws}/audit-events",             ADMIN,      200),
		row("GET",    "/workspaces/{ws}/search?q=anything",        VIEWER,     200),
		row("POST",   "/workspaces/{ws}/search",                   VIEWER,     200)
			.with(() -> Map.of("q", "anything", "mode", "keyword")),
		row("GET",    "/workspaces/{ws}/search/settings",          VIEWER,     200),
		row("PUT",    "/workspaces/{ws}/search/settings",          ADMIN,      200)
			.with(() -> Map.of("fusion", "rrf", "rrf_k", 30, "keyword_weight", 0.5)),
		row("DELETE", "/workspaces/{ws}/search/settings",          ADMIN,      200),
		row("POST",   "/workspaces/{ws}/search/evaluate",          ADMIN,      200)
			.with(() -> Map.of("questions", List.of(Map.of("query", "anything",
					"relevant_document_ids", List.of(UUID.randomUUID()))))),
		row("POST",   "/workspaces/{ws}/documents/upload-url",     Role.EDITOR, 200),
		row("POST",   "/workspaces/{ws}/reindex",                  ADMIN,      202),
		row("GET",    "/workspaces/{ws}/agent-runs",               VIEWER,     200),
		row("POST",   "/workspaces/{ws}/agent-runs",               Role.EDITOR, 202)
			.with(() -> Map.of("goal", "Summarise the workspace", "max_steps", 2)),
		row("GET",    "/workspaces/{ws}/agent-approvals",          Role.EDITOR, 200),
		row("GET",    "/workspaces/{ws}/agent/policy",             VIEWER,     200),
		row("PUT",    "/workspaces/{ws}/agent/policy",             ADMIN,      200)
			.with(() -> Map.of("approval_role", "editor")),
		row("GET",    "/workspaces/{ws}/agent-memories",           VIEWER,     200),
		row("GET",    "/workspaces/{ws}/webhooks",                 ADMIN,      200),
		row("GET",    "/workspaces/{ws}/schedules",                ADMIN,      200),
		row("GET",    "/workspaces/{ws}/jobs/dead-letters",        ADMIN,      200),
		row("POST",   "/workspaces/{ws}/schedules",                ADMIN,      201)
			.with(() -> Map.of("kind", "weekly_digest", "cron", "0 8 * * MON", "time_zone", "Europe/Berlin")),
		row("GET",    "/workspaces/{ws}/documents",                VIEWER,     200),
		row("POST",   "/workspaces/{ws}/answers",                  VIEWER,     200)
			.with(() -> Map.of("question", "What does this workspace know?")),
		row("GET",    "/workspaces/{ws}/conversations",            VIEWER,     200),
		row("POST",   "/workspaces/{ws}/conversations",            VIEWER,     201)
			.with(() -> Map.of("title", "Matrix")),
		row("GET",    "/workspaces/{ws}/usage",                    ADMIN,      200),
		row("GET",    "/workspaces/{ws}/assistant/limits",         VIEWER,     200),
		row("PUT",    "/workspaces/{ws}/assistant/limits",         ADMIN,      200)
			.with(() -> Map.of("over_budget", "refuse", "requests_per_minute", 600)),
		row("GET",    "/workspaces/{ws}/assistant/prompt",         VIEWER,     200),
		row("GET",    "/workspaces/{ws}/assistant/provider",       VIEWER,     200),
		row("POST",   "/workspaces/{ws}/leave",                    VIEWER,     204,
				FRESH_WORKSPACE, PEOPLE_ONLY, LAST_OWNER_STAYS));
	// @formatter:on

	/** The answer a principal must get from an endpoint: a status and, for errors, the problem code. */
	record Expected(int status, @Nullable String code) {

		@Override
		public String toString() {
			return status + (code == null ? "" : " " + code);
		}
	}

	static Expected expected(Endpoint endpoint, Principal principal) {
		if (principal == Principal.ANONYMOUS) {
			return new Expected(401, "unauthenticated");
		}
		if (endpoint.has(PEOPLE_ONLY) && principal.apiKey()) {
			// refused for the credential alone, so the answer is the same for every workspace id
			return new Expected(403, "api_key_not_allowed");
		}
		Role role = principal.role;
		if (role == null) {
			return new Expected(404, "workspace_not_found");
		}
		if (!role.atLeast(endpoint.minimum())) {
			boolean adminButNotOwner = endpoint.has(OWNER_GRANT) && role.atLeast(ADMIN);
			return new Expected(403, adminButNotOwner ? "owner_required" : "insufficient_role");
		}
		if (endpoint.has(LAST_OWNER_STAYS) && role == OWNER) {
			return new Expected(409, "last_owner");
		}
		return new Expected(endpoint.success(), null);
	}

	private final Api api;

	AuthorizationMatrixIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@TestFactory
	Stream<DynamicContainer> everyEndpointAnswersEveryPrincipalAsTheMatrixSays() {
		Fixtures fixtures = new Fixtures();
		Tenant shared = fixtures.tenant();
		return ENDPOINTS.stream()
			.map(endpoint -> dynamicContainer(endpoint.toString(),
					Arrays.stream(Principal.values())
						.map(principal -> dynamicTest(principal + " → " + expected(endpoint, principal),
								() -> check(fixtures, endpoint.has(FRESH_WORKSPACE) ? null : shared, endpoint,
										principal)))));
	}

	private void check(Fixtures fixtures, @Nullable Tenant shared, Endpoint endpoint, Principal principal) {
		Tenant tenant = shared != null ? shared : fixtures.tenant();
		String path = fixtures.resolve(endpoint.path(), tenant);
		Expected expected = expected(endpoint, principal);
		// failsafe reports dynamic tests by index, so every message names its cell
		String cell = endpoint.method() + " " + path + " as " + principal + ", expected " + expected;

		Response response = send(endpoint, path, tenant.credentials().get(principal));
		assertThat(response.status()).as(cell + ", got " + response).isEqualTo(expected.status());
		if (expected.code() != null) {
			assertThat(response.header("Content-Type")).as(cell).startsWith("application/problem+json");
			assertThat(response.code()).as(cell + ", got " + response).isEqualTo(expected.code());
		}

		if (principal.role == null && principal != Principal.ANONYMOUS) {
			// not revealing existence: a real workspace answers exactly like one that does not exist
			String nowhere = path.replace(tenant.workspace(), UUID.randomUUID().toString());
			Response missing = send(endpoint, nowhere, tenant.credentials().get(principal));
			assertThat(missing.status()).as(cell + ", for a missing workspace").isEqualTo(response.status());
			assertThat(missing.code()).as(cell + ", for a missing workspace").isEqualTo(response.code());
		}
		// a refused call must not have had its effect (and an accepted one must have)
		boolean succeeded = expected.status() < 300;
		String ownerToken = fixtures.owner.accessToken();
		if (endpoint.method().equals("DELETE") && endpoint.path().endsWith("{ws}")) {
			int ownerSees = api.get("/api/v1/workspaces/" + tenant.workspace()).token(ownerToken).send().status();
			assertThat(ownerSees).as(cell + ": workspace deleted?").isEqualTo(succeeded ? 404 : 200);
		}
		if (endpoint.method().equals("DELETE") && endpoint.path().endsWith("{member}")) {
			String member = path.substring(path.lastIndexOf('/') + 1);
			var members = api.get("/api/v1/workspaces/" + tenant.workspace() + "/members?limit=100").token(ownerToken)
				.send()
				.json()
				.path("items")
				.values();
			assertThat(members).extracting(m -> m.path("user_id").asString())
				.as(cell + ": member removed?")
				.matches(ids -> ids.contains(member) != succeeded);
		}
		if (endpoint.path().endsWith("/leave") && principal.role != null && !principal.apiKey()) {
			int stillSees = api.get("/api/v1/workspaces/" + tenant.workspace())
				.token(tenant.credentials().get(principal))
				.send()
				.status();
			assertThat(stillSees).as(cell + ": left?").isEqualTo(succeeded ? 404 : 200);
		}
	}

	private Response send(Endpoint endpoint, String path, @Nullable String credential) {
		var call = api.call(endpoint.method(), path).token(credential);
		if (endpoint.body() != null) {
			call.json(endpoint.body().get());
		}
		return call.send();
	}

	/** A workspace under test and every principal's credential for it (none for ANONYMOUS). */
	record Tenant(String workspace, Map<Principal, String> credentials) {
	}

	/** The people of the matrix, shared by all cells, and the per-cell objects they act on. */
	final class Fixtures {

		final Api.User owner = api.signUp("matrix-owner");
		final Api.User admin = api.signUp("matrix-admin");
		final Api.User editor = api.signUp("matrix-editor");
		final Api.User viewer = api.signUp("matrix-viewer");
		final Api.User outsider = api.signUp("matrix-outsider");
		final String foreignKey = createKey(owner.personalWorkspace(), "admin").secret();

		Tenant tenant() {
			String ws = api.createWorkspace(owner, "Matrix " + UUID.randomUUID());
			api.addMember(owner, ws, admin, "admin");
			api.addMember(owner, ws, editor, "editor");
			api.addMember(owner, ws, viewer, "viewer");
			Map<Principal, String> credentials = new EnumMap<>(Principal.class);
			credentials.put(Principal.OWNER, owner.accessToken());
			credentials.put(Principal.ADMIN, admin.accessToken());
			credentials.put(Principal.EDITOR, editor.accessToken());
			credentials.put(Principal.VIEWER, viewer.accessToken());
			credentials.put(Principal.KEY_ADMIN, createKey(ws, "admin").secret());
			credentials.put(Principal.KEY_WRITE, createKey(ws, "write").secret());
			credentials.put(Principal.KEY_READ, createKey(ws, "read").secret());
			credentials.put(Principal.OUTSIDER, outsider.accessToken());
			credentials.put(Principal.FOREIGN_KEY, foreignKey);
			return new Tenant(ws, Map.copyOf(credentials));
		}

		/** Fills in the path: the workspace, and a fresh member, invitation or key for this cell. */
		String resolve(String template, Tenant tenant) {
			String path = template.replace("{ws}", tenant.workspace());
			if (path.contains("{member}")) {
				Api.User member = api.signUp("matrix-target");
				api.addMember(owner, tenant.workspace(), member, "viewer");
				path = path.replace("{member}", member.id());
			}
			if (path.contains("{invitation}")) {
				Response invited = api.post("/api/v1/workspaces/" + tenant.workspace() + "/invitations")
					.token(owner.accessToken())
					.json(Map.of("email", Api.uniqueEmail("matrix-pending"), "role", "viewer"))
					.send();
				assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
				path = path.replace("{invitation}", invited.get("id"));
			}
			if (path.contains("{key}")) {
				path = path.replace("{key}", createKey(tenant.workspace(), "read").id());
			}
			return path;
		}

		record Key(String id, String secret) {
		}

		Key createKey(String ws, String scope) {
			Response created = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
				.json(Map.of("name", "matrix " + scope, "scope", scope))
				.send();
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			return new Key(created.json().path("key").path("id").asString(), created.get("secret"));
		}
	}
}
