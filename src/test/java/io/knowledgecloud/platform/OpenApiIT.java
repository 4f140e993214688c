package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps docs/openapi.json in step with the code: the test writes the live spec there and fails
 * when the committed file differed, so every API change shows up in review.
 */
@IntegrationTest
class OpenApiIT {

	private static final Path SPEC = Path.of("docs/openapi.json");
	private final Api api;

	OpenApiIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void committedSpecMatchesTheRunningApplication() throws Exception {
		Response response = api.get("/v3/api-docs").send();
		assertThat(response.status()).isEqualTo(200);
		JsonNode spec = response.json();
		assertThat(spec.path("openapi").asString()).startsWith("3.1");
		String rendered = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.build()
			.writeValueAsString(spec) + "\n";
		String committed = Files.exists(SPEC) ? Files.readString(SPEC) : "";
		if (!committed.equals(rendered)) {
			Files.createDirectories(SPEC.getParent());
			Files.writeString(SPEC, rendered);
		}
		assertThat(committed).as("docs/openapi.json was out of date and has been rewritten; review and commit it")
			.isEqualTo(rendered);
	}

	@Test
	void schemasNamePropertiesAsTheApiWritesThem() {
		JsonNode spec = api.get("/v3/api-docs").send().json();
		JsonNode schemas = spec.path("components").path("schemas");
		for (String name : schemas.propertyNames()) {
			for (String property : schemas.path(name).path("properties").propertyNames()) {
				assertThat(property).as(name + "." + property).matches("[a-z0-9_]+");
			}
		}
		// and the documented names are the ones a real response carries
		JsonNode content = spec.path("paths").path("/api/v1/me").path("get").path("responses").path("200").path("content");
		String ref = content.path(content.propertyNames().iterator().next()).path("schema").path("$ref").asString();
		JsonNode documented = schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).path("properties");
		Api.User user = api.signUp("openapi");
		JsonNode me = api.get("/api/v1/me").token(user.accessToken()).send().json();
		assertThat(documented.size()).isPositive();
		assertThat(me.propertyNames()).isNotEmpty()
			.allSatisfy(field -> assertThat(documented.has(field)).as("documented: " + field).isTrue());
	}

	@Test
	void everyOperationDocumentsItsSummaryAndErrors() {
		JsonNode paths = api.get("/v3/api-docs").send().json().path("paths");
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				JsonNode operation = paths.path(path).path(method);
				assertThat(operation.path("summary").asString()).as(method + " " + path + " summary").isNotBlank();
				assertThat(operation.path("responses").path("400").path("content").has("application/problem+json"))
					.as(method + " " + path + " documents its problem responses")
					.isTrue();
			}
		}
		assertThat(paths.has("/api/v1/auth/login")).isTrue();
		assertThat(paths.has("/api/v1/workspaces/{ws}/api-keys")).isTrue();
		assertThat(paths.has("/api/v1/workspaces/{ws}/agent-runs")).isTrue();
		assertThat(paths.has("/api/v1/workspaces/{ws}/agent-approvals/{id}/approve")).isTrue();
		assertThat(paths.has("/api/v1/workspaces/{ws}/schedules")).isTrue();
		assertThat(paths.has("/api/v1/workspaces/{ws}/webhooks")).isTrue();
	}
}
