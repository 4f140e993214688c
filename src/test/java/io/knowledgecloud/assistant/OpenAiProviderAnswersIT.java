package io.knowledgecloud.assistant;

import static io.knowledgecloud.assistant.internal.ChatProviderServer.data;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.events;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.assistant.internal.ChatProviderServer;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Answers with {@code kc.assistant.provider=openai} against a local server that speaks OpenAI's
 * chat completions protocol: the model's text comes back with its citations checked, streamed or
 * whole; when the provider fails the answer is extractive and marked degraded.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiProviderAnswersIT {

	private static final String SENTENCE = "Tides are caused mainly by the gravitational pull of the Moon.";
	private static final String TIDES = "# Tides\n\n" + SENTENCE + " The Sun's gravity adds a smaller effect, giving "
			+ "spring and neap tides when the two pull together or at right angles.";
	private static final String ANSWER = SENTENCE + " [1]";
	private static final ChatProviderServer PROVIDER = ChatProviderServer.start();

	private final Api api;
	private Api.User owner;
	private String ws;
	private String tides;

	OpenAiProviderAnswersIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("kc.assistant.provider", () -> "openai");
		registry.add("kc.assistant.base-url", () -> PROVIDER.url("/v1").toString());
		registry.add("kc.assistant.api-key", () -> "sk-it-provider");
		// every test asks the same question: answers must come from the provider, not the semantic cache
		registry.add("kc.assistant.semantic-cache.enabled", () -> "false");
		registry.add("kc.assistant.model", () -> "tides-model");
		registry.add("kc.assistant.max-retries", () -> "1");
		registry.add("kc.assistant.timeout", () -> "10s");
		// workspaces may point their own provider at the local server (and nowhere else)
		registry.add("kc.assistant.workspace-base-urls", () -> PROVIDER.url("/v1").toString());
		// 321 prompt tokens cost 0.321
		registry.add("kc.assistant.prices[tides-model-v2].input", () -> "1000");
	}

	@AfterAll
	void stop() {
		PROVIDER.close();
	}

	@BeforeAll
	void documents() {
		owner = api.signUp("openai-answers");
		ws = api.createWorkspace(owner, "Tides");
		Response r = api.post(base() + "/documents").token(owner.accessToken())
			.multipart("tides.md", TIDES.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(r.status()).as(r.toString()).isEqualTo(202);
		tides = r.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED"
			.equals(api.get(base() + "/documents/" + tides).token(owner.accessToken()).send().get("status")) ? true : null);
	}

	@BeforeEach
	void answerLikeAModel() {
		PROVIDER.received().clear();
		PROVIDER.reply((request, exchange) -> {
			if (request.body().path("stream").asBoolean()) {
				events(Duration.ofMillis(10), data(
						"{\"model\":\"tides-model-v2\",\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Tides are caused \"}}]}",
						"{\"choices\":[{\"delta\":{\"content\":\"mainly by the gravitational pull \"}}]}",
						"{\"choices\":[{\"delta\":{\"content\":\"of the Moon. [1]\"},\"finish_reason\":\"stop\"}]}",
						"{\"choices\":[],\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":17}}", "[DONE]"))
					.send(request, exchange);
			}
			else {
				json(200, "{\"model\":\"tides-model-v2\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\""
						+ ANSWER + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":17}}")
					.send(request, exchange);
			}
		});
	}

	@Test
	void theAnswerComesFromTheModelWithCheckedCitations() {
		Response r = ask("What causes tides?");

		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		JsonNode answer = r.json();
		assertThat(answer.path("text").asString()).isEqualTo(ANSWER);
		assertThat(answer.path("provider").asString()).isEqualTo("openai");
		assertThat(answer.path("model").asString()).isEqualTo("tides-model-v2");
		assertThat(answer.path("degraded").asBoolean()).isFalse();
		assertThat(answer.path("answered").asBoolean()).isTrue();
		JsonNode citation = answer.path("citations").get(0);
		assertThat(citation.path("number").asInt()).isEqualTo(1);
		assertThat(citation.path("document_id").asString()).isEqualTo(tides);
		assertThat(citation.path("supported").asBoolean()).isTrue();
		assertThat(citation.path("quote").asString()).contains(SENTENCE);
		assertThat(answer.path("usage").path("input_tokens").asInt()).isEqualTo(321);
		assertThat(answer.path("usage").path("output_tokens").asInt()).isEqualTo(17);
		assertThat(answer.path("usage").path("estimated").asBoolean()).isFalse();

		ChatProviderServer.Received sent = PROVIDER.received().getFirst();
		assertThat(sent.path()).isEqualTo("/v1/chat/completions");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-it-provider");
		assertThat(sent.body().path("model").asString()).isEqualTo("tides-model");
		JsonNode messages = sent.body().path("messages");
		assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
		assertThat(messages.get(0).path("content").asString()).contains("[1]", SENTENCE);
		assertThat(messages.get(messages.size() - 1).path("content").asString()).isEqualTo("What causes tides?");
	}

	@Test
	void theModelsTokensStreamThroughInOrder() {
		Response r = api.post(base() + "/answers").token(owner.accessToken())
			.header("Accept", "text/event-stream")
			.json(Map.of("question", "What causes tides?"))
			.send();

		assertThat(r.status()).isEqualTo(200);
		List<String> tokens = new ArrayList<>();
		String event = "";
		JsonNode done = null;
		for (String line : r.text().split("\n")) {
			if (line.startsWith("event:")) {
				event = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				JsonNode data = ChatProviderServer.JSON.readTree(line.substring(5));
				if (event.equals("token")) {
					tokens.add(data.path("text").asString());
				}
				else if (event.equals("done")) {
					done = data;
				}
			}
		}
		assertThat(tokens).containsExactly("Tides are caused ", "mainly by the gravitational pull ", "of the Moon. [1]");
		assertThat(done).isNotNull();
		assertThat(done.path("text").asString()).isEqualTo(ANSWER);
		assertThat(done.path("provider").asString()).isEqualTo("openai");
		assertThat(done.path("degraded").asBoolean()).isFalse();
		assertThat(done.path("citations").get(0).path("supported").asBoolean()).isTrue();
		// the done event carries the provider's usage and what it cost
		assertThat(done.path("usage").path("input_tokens").asInt()).isEqualTo(321);
		assertThat(done.path("usage").path("output_tokens").asInt()).isEqualTo(17);
		assertThat(done.path("usage").path("estimated").asBoolean()).isFalse();
		assertThat(done.path("usage").has("cost")).isTrue();
		assertThat(PROVIDER.received().getFirst().body().path("stream").asBoolean()).isTrue();
	}

	@Test
	void theSourcesGoOutWhileTheModelWorksOnTheRequest() throws Exception {
		// the sources are sent once the request is on its way to the model (ADR 47): this model answers
		// only after the client has them, so a stream that held them back until the first token would hang
		CountDownLatch sourcesSeen = new CountDownLatch(1);
		PROVIDER.reply((request, exchange) -> {
			if (!sourcesSeen.await(20, TimeUnit.SECONDS)) {
				json(500, "{\"error\":{\"message\":\"the sources never came\"}}").send(request, exchange);
				return;
			}
			events(Duration.ZERO, data(
					"{\"model\":\"tides-model-v2\",\"choices\":[{\"delta\":{\"content\":\"" + ANSWER + "\"},"
							+ "\"finish_reason\":\"stop\"}]}", "[DONE]")).send(request, exchange);
		});
		HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + api.port() + base() + "/answers"))
			.header("Authorization", "Bearer " + owner.accessToken())
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What causes tides?\"}"))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofInputStream());

		List<String> events = new ArrayList<>();
		JsonNode done = null;
		try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("event:")) {
					events.add(line.substring(6).strip());
					if (events.getLast().equals("retrieval")) {
						sourcesSeen.countDown();
					}
				}
				else if (line.startsWith("data:") && events.getLast().equals("done")) {
					done = ChatProviderServer.JSON.readTree(line.substring(5));
				}
			}
		}
		assertThat(events).containsExactly("retrieval", "token", "citation", "done");
		// the model's own answer, not the extractive fallback after the model timed out waiting
		assertThat(done).isNotNull();
		assertThat(done.path("provider").asString()).isEqualTo("openai");
		assertThat(done.path("degraded").asBoolean()).isFalse();
		assertThat(PROVIDER.received()).hasSize(1);
	}

	@Test
	void whenTheProviderIsUnavailableTheAnswerIsExtractiveAndDegraded() {
		PROVIDER.reply(json(503, "{\"error\":{\"message\":\"model is loading\"}}"));

		Response r = ask("What causes tides?");

		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		JsonNode answer = r.json();
		assertThat(answer.path("degraded").asBoolean()).isTrue();
		assertThat(answer.path("provider").asString()).isEqualTo("extractive");
		assertThat(answer.path("text").asString()).contains("gravitational pull of the Moon").contains("[1]");
		assertThat(answer.path("citations").get(0).path("document_id").asString()).isEqualTo(tides);
		assertThat(PROVIDER.received()).hasSize(2); // one retry (kc.assistant.max-retries=1)
	}

	@Test
	void budgetsRefuseOrFallBackAndRateLimitsHold() {
		String other = api.createWorkspace(owner, "Budget");
		String doc = api.post("/api/v1/workspaces/" + other + "/documents").token(owner.accessToken())
			.multipart("tides.md", TIDES.getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED".equals(api
			.get("/api/v1/workspaces/" + other + "/documents/" + doc).token(owner.accessToken()).send().get("status"))
					? true : null);
		String limits = "/api/v1/workspaces/" + other + "/assistant/limits";
		String answers = "/api/v1/workspaces/" + other + "/answers";
		api.put(limits).token(owner.accessToken()).json(Map.of("monthly_budget", 0.3, "over_budget", "refuse")).send();

		JsonNode first = api.post(answers).token(owner.accessToken()).json(Map.of("question", "What causes tides?"))
			.send()
			.json();
		assertThat(first.path("usage").path("cost").asDouble()).isEqualTo(0.321);
		Response refused = api.post(answers).token(owner.accessToken()).json(Map.of("question", "Why tides?")).send();
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.code()).isEqualTo("budget_exceeded");
		// a stream is refused the same way, before it starts: a problem, not an event stream
		Response refusedStream = api.post(answers).token(owner.accessToken()).header("Accept", "text/event-stream")
			.json(Map.of("question", "Why tides?"))
			.send();
		assertThat(refusedStream.status()).isEqualTo(402);
		assertThat(refusedStream.code()).isEqualTo("budget_exceeded");
		assertThat(refusedStream.header("Content-Type")).startsWith("application/problem+json");
		JsonNode usage = api.get("/api/v1/workspaces/" + other + "/usage").token(owner.accessToken()).send().json();
		assertThat(usage.path("month_to_date_cost").asDouble()).isEqualTo(0.321);
		assertThat(usage.path("monthly_budget").asDouble()).isEqualTo(0.3);

		api.put(limits).token(owner.accessToken()).json(Map.of("monthly_budget", 0.3, "over_budget", "extractive")).send();
		PROVIDER.received().clear();
		JsonNode extractive = api.post(answers).token(owner.accessToken())
			.json(Map.of("question", "Why are there tides?"))
			.send()
			.json();
		assertThat(extractive.path("degraded").asBoolean()).isTrue();
		assertThat(extractive.path("degraded_reason").asString()).isEqualTo("budget_exceeded");
		assertThat(extractive.path("provider").asString()).isEqualTo("extractive");
		assertThat(PROVIDER.received()).as("no call to the provider over budget").isEmpty();

		api.put(limits).token(owner.accessToken()).json(Map.of("over_budget", "refuse", "requests_per_minute", 1)).send();
		assertThat(api.post(answers).token(owner.accessToken()).json(Map.of("question", "What pulls the oceans?"))
			.send()
			.status()).isEqualTo(200);
		Response limited = api.post(answers).token(owner.accessToken())
			.json(Map.of("question", "What is a spring tide?"))
			.send();
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("assistant_rate_limited");
		Response limitedStream = api.post(answers).token(owner.accessToken()).header("Accept", "text/event-stream")
			.json(Map.of("question", "What is a neap tide?"))
			.send();
		assertThat(limitedStream.status()).isEqualTo(429);
		assertThat(limitedStream.code()).isEqualTo("assistant_rate_limited");
	}

	@Test
	void aWorkspaceCanUseItsOwnProviderWithAnEncryptedKeyNeverShown() {
		String other = api.createWorkspace(owner, "Own provider");
		String provider = "/api/v1/workspaces/" + other + "/assistant/provider";
		assertThat(api.get(provider).token(owner.accessToken()).send().json().path("inherited").asBoolean()).isTrue();
		Response refused = api.put(provider).token(owner.accessToken())
			.json(Map.of("provider", "openai", "model", "m", "base_url", "http://169.254.169.254/v1", "api_key", "x"))
			.send();
		assertThat(refused.code()).isEqualTo("base_url_not_allowed");
		assertThat(api.put(provider).token(owner.accessToken()).json(Map.of("provider", "magic", "model", "m")).send()
			.code()).isEqualTo("invalid_provider");
		Response set = api.put(provider).token(owner.accessToken())
			.json(Map.of("provider", "openai", "model", "workspace-model", "base_url", PROVIDER.url("/v1").toString(),
					"api_key", "sk-workspace-secret"))
			.send();
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.text()).doesNotContain("sk-workspace-secret");
		assertThat(set.json().path("api_key_set").asBoolean()).isTrue();
		assertThat(api.get(provider).token(owner.accessToken()).send().text()).doesNotContain("sk-workspace-secret");

		String doc = api.post("/api/v1/workspaces/" + other + "/documents").token(owner.accessToken())
			.multipart("tides.md", TIDES.getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED".equals(api
			.get("/api/v1/workspaces/" + other + "/documents/" + doc).token(owner.accessToken()).send().get("status"))
					? true : null);
		PROVIDER.received().clear();
		JsonNode answer = api.post("/api/v1/workspaces/" + other + "/answers").token(owner.accessToken())
			.json(Map.of("question", "What causes tides?"))
			.send()
			.json();
		assertThat(answer.path("provider").asString()).isEqualTo("openai");
		ChatProviderServer.Received sent = PROVIDER.received().getFirst();
		assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-workspace-secret");
		assertThat(sent.body().path("model").asString()).isEqualTo("workspace-model");

		// the key stays when it is not sent again; an empty key removes it
		assertThat(api.put(provider).token(owner.accessToken())
			.json(Map.of("provider", "openai", "model", "workspace-model-2", "base_url", PROVIDER.url("/v1").toString()))
			.send()
			.json()
			.path("api_key_set")
			.asBoolean()).isTrue();
		assertThat(api.delete(provider).token(owner.accessToken()).send().json().path("inherited").asBoolean()).isTrue();
	}

	@Test
	void aFollowUpInAConversationIsCondensedByTheModelBeforeTheSearch() {
		String conversation = api.post(base() + "/conversations").token(owner.accessToken())
			.json(Map.of("title", "Tides")).send().get("id");
		Response first = api.post(base() + "/answers").token(owner.accessToken())
			.json(Map.of("question", "What causes tides?", "conversation_id", conversation)).send();
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		PROVIDER.received().clear();
		// the first call condenses, the second answers
		PROVIDER.reply(json(200, "{\"model\":\"tides-model-v2\",\"choices\":[{\"message\":{\"role\":\"assistant\","
				+ "\"content\":\"Does the Moon cause the tides twice a day?\"},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":9}}"),
				json(200, "{\"model\":\"tides-model-v2\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\""
						+ ANSWER + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":17}}"));

		Response followUp = api.post(base() + "/answers").token(owner.accessToken())
			.json(Map.of("question", "And does it do that twice a day?", "conversation_id", conversation)).send();

		assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
		assertThat(followUp.json().path("standalone_question").asString())
			.isEqualTo("Does the Moon cause the tides twice a day?");
		List<ChatProviderServer.Received> calls = PROVIDER.received();
		assertThat(calls).hasSize(2);
		JsonNode condense = calls.get(0).body().path("messages");
		assertThat(condense.get(0).path("content").asString()).contains("standalone question");
		assertThat(condense.get(1).path("content").asString()).contains("user: What causes tides?")
			.contains("Last question: And does it do that twice a day?");
		// the condensing call counts in the answer's usage
		assertThat(followUp.json().path("usage").path("input_tokens").asInt()).isEqualTo(321 + 40);
	}

	private Response ask(String question) {
		return api.post(base() + "/answers").token(owner.accessToken()).json(Map.of("question", question)).send();
	}

	private String base() {
		return "/api/v1/workspaces/" + ws;
	}
}
