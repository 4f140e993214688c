package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Every error is a problem document with a stable code and never leaks internals; bodies are
 * bounded; request ids and security headers are always present.
 */
@IntegrationTest
class ApiConventionsIT {

	private final Api api;
	private final int port;
	private Api.User user;

	ApiConventionsIT(@LocalServerPort int port) {
		this.api = new Api(port);
		this.port = port;
	}

	@BeforeEach
	void signUp() {
		user = api.signUp("conventions");
	}

	@Test
	void malformedJsonIsAProblemDocument() {
		Response response = api.post("/api/v1/workspaces").token(user.accessToken()).raw("{\"name\": ", "application/json")
			.send();
		assertProblem(response, 400, "malformed_json");
	}

	@Test
	void unknownPropertiesAndWrongTypesAreNamed() {
		Response unknown = api.post("/api/v1/workspaces").token(user.accessToken())
			.raw("{\"name\":\"a\",\"owner\":\"me\"}", "application/json")
			.send();
		assertProblem(unknown, 400, "unknown_property");
		assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("owner");

		Response wrongType = api.post("/api/v1/workspaces").token(user.accessToken())
			.raw("{\"name\": 42}", "application/json")
			.send();
		assertProblem(wrongType, 400, "invalid_type");
		assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("name");

		Response wrongEnum = api.post("/api/v1/workspaces/" + user.personalWorkspace() + "/invitations")
			.token(user.accessToken())
			.raw("{\"email\":\"x@example.test\",\"role\":\"emperor\"}", "application/json")
			.send();
		assertProblem(wrongEnum, 400, "invalid_type");
	}

	@Test
	void validationErrorsListEveryField() {
		Response response = api.post("/api/v1/auth/signup").json(Map.of("email", "", "display_name", "x".repeat(300)))
			.send();
		assertProblem(response, 400, "validation_failed");
		assertThat(response.json().path("errors").values()).extracting(e -> e.path("field").asString())
			.contains("email", "password", "display_name");
	}

	@Test
	void hostileStringsAreRefusedOrStoredVerbatim() {
		Response control = api.post("/api/v1/workspaces").token(user.accessToken())
			.json(Map.of("name", "evil\u0000name"))
			.send();
		assertProblem(control, 400, "validation_failed");

		String hostile = "<script>alert(1)</script> ' OR 1=1 -- 🧨 Ωmega";
		Response created = api.post("/api/v1/workspaces").token(user.accessToken()).json(Map.of("name", hostile)).send();
		assertThat(created.status()).isEqualTo(201);
		Response read = api.get("/api/v1/workspaces/" + created.get("id")).token(user.accessToken()).send();
		assertThat(read.get("name")).isEqualTo(hostile);
		assertThat(read.header("Content-Type")).startsWith("application/json");
		assertThat(read.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void oversizedBodiesAreRefusedWith413() throws Exception {
		String big = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
		Response declared = api.post("/api/v1/workspaces").token(user.accessToken()).raw(big, "application/json").send();
		assertProblem(declared, 413, "payload_too_large");

		// chunked: no Content-Length, cut off while streaming
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/workspaces"))
			.header("Authorization", "Bearer " + user.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
	}

	@Test
	void unknownRoutesWrongMethodsAndMediaTypesAreProblems() {
		assertProblem(api.get("/api/v1/no-such-thing").token(user.accessToken()).send(), 404, "not_found");
		assertProblem(api.delete("/api/v1/auth/login").send(), 405, "method_not_allowed");
		assertProblem(api.post("/api/v1/auth/login").raw("email=a", "text/plain").send(), 415,
				"unsupported_media_type");
		assertProblem(api.get("/api/v1/workspaces/not-a-uuid").token(user.accessToken()).send(), 400,
				"invalid_parameter");
		assertProblem(api.get("/api/v1/workspaces?limit=abc").token(user.accessToken()).send(), 400,
				"invalid_parameter");
	}

	@Test
	void unauthenticatedRequestsGet401WithAChallenge() {
		Response response = api.get("/api/v1/me").send();
		assertProblem(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertProblem(api.get("/api/v1/me").token("not.a.jwt").send(), 401, "unauthenticated");
	}

	@Test
	void requestIdsAreEchoedOrGenerated() {
		Response echoed = api.get("/api/v1/no-such").header("X-Request-Id", "trace-me-123").token(user.accessToken())
			.send();
		assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-me-123");
		assertThat(echoed.get("request_id")).isEqualTo("trace-me-123");

		Response replaced = api.get("/api/v1/me").header("X-Request-Id", "bad id with spaces <>").send();
		assertThat(replaced.header("X-Request-Id")).isNotBlank().doesNotContain(" ");
		assertThat(replaced.get("request_id")).isEqualTo(replaced.header("X-Request-Id"));
	}

	@Test
	void errorsFromTheContainerCarryTheRequestIdToo() {
		Response response = api.get("/api//double-slash").header("X-Request-Id", "container-1").send();
		assertThat(response.status()).isBetween(400, 404);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.get("request_id")).isEqualTo("container-1");
	}

	@Test
	void securityHeadersAreSet() {
		Response response = api.get("/api/v1/me").token(user.accessToken()).send();
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
		assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void corsAllowsOnlyConfiguredOrigins() {
		Response allowed = api.call("OPTIONS", "/api/v1/me")
			.header("Origin", "https://app.example.test")
			.header("Access-Control-Request-Method", "GET")
			.send();
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.test");

		Response refused = api.call("OPTIONS", "/api/v1/me")
			.header("Origin", "https://evil.example.test")
			.header("Access-Control-Request-Method", "GET")
			.send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("cors_origin_not_allowed");
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void paginationRefusesForgedCursorsAndUnboundedLimits() {
		assertProblem(api.get("/api/v1/workspaces?limit=0").token(user.accessToken()).send(), 400, "invalid_limit");
		assertProblem(api.get("/api/v1/workspaces?limit=101").token(user.accessToken()).send(), 400, "invalid_limit");
		assertProblem(api.get("/api/v1/workspaces?cursor=abc.def").token(user.accessToken()).send(), 400,
				"invalid_cursor");

		api.createWorkspace(user, "second");
		Response page = api.get("/api/v1/workspaces?limit=1").token(user.accessToken()).send();
		String cursor = page.get("next_cursor");
		assertThat(cursor).isNotBlank();
		String forged = cursor.substring(0, cursor.indexOf('.')) + "x" + cursor.substring(cursor.indexOf('.'));
		assertProblem(api.get("/api/v1/workspaces?cursor=" + forged).token(user.accessToken()).send(), 400,
				"invalid_cursor");
		// another user's cursor is from another list
		Api.User other = api.signUp("other");
		assertProblem(api.get("/api/v1/workspaces?cursor=" + cursor).token(other.accessToken()).send(), 400,
				"invalid_cursor");
	}

	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.code()).isEqualTo(code);
		assertThat(response.get("type")).isEqualTo("https://knowledgecloud.io/problems/" + code.replace('_', '-'));
		assertThat(response.get("title")).isNotBlank();
		assertThat(response.json().path("status").asInt()).isEqualTo(status);
		assertThat(response.get("request_id")).isNotBlank();
		assertThat(response.text()).doesNotContain("Exception", "\tat ", "io.knowledgecloud.", "org.springframework");
	}
}
