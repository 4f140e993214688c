package io.knowledgecloud.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.assistant.internal.ChatProviderServer;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Query rewriting and HyDE with a language model: before retrieval the model rewrites the question
 * and writes a hypothetical passage; retrieval uses both, their tokens count in the answer's usage,
 * and a failing helper call never breaks the answer.
 */
@IntegrationTest
class QueryRewritingIT {

	private static final ChatProviderServer PROVIDER = ChatProviderServer.start();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("kc.assistant.provider", () -> "openai");
		registry.add("kc.assistant.base-url", () -> PROVIDER.url("/v1").toString());
		registry.add("kc.assistant.model", () -> "helper-model");
		registry.add("kc.assistant.query-rewriting", () -> "true");
		registry.add("kc.assistant.hyde", () -> "true");
		registry.add("kc.assistant.max-retries", () -> "0");
		registry.add("kc.assistant.semantic-cache.enabled", () -> "false");
	}

	private final Api api;

	QueryRewritingIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@AfterAll
	static void stop() {
		PROVIDER.close();
	}

	@Test
	void theModelRewritesAndImaginesBeforeRetrieval() {
		Api.User owner = api.signUp("rewrite");
		String ws = api.createWorkspace(owner, "Rewrite");
		String base = "/api/v1/workspaces/" + ws;
		String id = api.post(base + "/documents").token(owner.accessToken())
			.multipart("moon.md", "# Tides\n\nThe Moon's gravity raises the ocean tides twice a day."
				.getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED"
			.equals(api.get(base + "/documents/" + id).token(owner.accessToken()).send().get("status")) ? true : null);
		String usage = ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}";
		PROVIDER.reply(ChatProviderServer.json(200, "{\"choices\":[{\"message\":{\"content\":\"moon gravity ocean tides\"},"
				+ "\"finish_reason\":\"stop\"}]" + usage),
				ChatProviderServer.json(200, "{\"choices\":[{\"message\":{\"content\":\"Tides come from the Moon's pull.\"},"
						+ "\"finish_reason\":\"stop\"}]" + usage),
				ChatProviderServer.json(200, "{\"choices\":[{\"message\":{\"content\":\"The Moon's gravity raises the "
						+ "tides. [1]\"},\"finish_reason\":\"stop\"}]" + usage));
		JsonNode answer = api.post(base + "/answers").token(owner.accessToken())
			.json(Map.of("question", "why does the sea go up and down"))
			.send()
			.json();
		assertThat(PROVIDER.received()).hasSize(3);
		assertThat(PROVIDER.received().get(0).body().toString()).contains("Rewrite the user's question");
		assertThat(PROVIDER.received().get(1).body().toString()).contains("hypothetical").doesNotContain("Sources:");
		assertThat(PROVIDER.received().get(2).body().toString()).contains("The Moon's gravity raises the ocean tides");
		assertThat(answer.path("citations").get(0).path("document_id").asString()).isEqualTo(id);
		assertThat(answer.path("usage").path("input_tokens").asInt()).isEqualTo(30);

		// helper calls that fail fall back to the question itself; the answer still comes
		PROVIDER.received().clear();
		PROVIDER.reply(ChatProviderServer.json(400, "{\"error\":{\"message\":\"bad\"}}"),
				ChatProviderServer.json(400, "{\"error\":{\"message\":\"bad\"}}"),
				ChatProviderServer.json(200, "{\"choices\":[{\"message\":{\"content\":\"The Moon's gravity raises the "
						+ "tides. [1]\"},\"finish_reason\":\"stop\"}]" + usage));
		JsonNode second = api.post(base + "/answers").token(owner.accessToken())
			.json(Map.of("question", "what raises the ocean tides"))
			.send()
			.json();
		assertThat(second.path("degraded").asBoolean()).isFalse();
		assertThat(second.path("text").asString()).contains("[1]");
	}
}
