package io.knowledgecloud.assistant.internal;

import static io.knowledgecloud.assistant.internal.ChatProviderServer.data;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.events;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.ToolCall;
import io.knowledgecloud.assistant.spi.ToolSpec;
import tools.jackson.databind.JsonNode;

/** The OpenAI chat completions protocol against a local server that speaks it. */
class OpenAiChatModelTest {

	static final String KEY = "sk-test-4f9a0c";
	static final ToolSpec WEATHER = new ToolSpec("weather", "Current weather of a city",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

	private ChatProviderServer server;
	private OpenAiChatModel model;

	@BeforeEach
	void start() throws Exception {
		server = new ChatProviderServer();
		model = new OpenAiChatModel(server.url("/v1/"), KEY, Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		model.close();
		server.close();
	}

	static ChatRequest question(String text) {
		return new ChatRequest("gpt-test", List.of(ChatMessage.system("Answer from the sources."), ChatMessage.user(text)),
				List.of(), text, List.of(), 256, 0.1);
	}

	@Test
	void aPlainAnswerWithTheProvidersUsage() {
		server.reply(json(200, """
				{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-test-2025",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"Tides come from the Moon. [1]"},
				             "finish_reason":"stop"}],
				 "usage":{"prompt_tokens":42,"completion_tokens":9,"total_tokens":51}}"""));

		ChatResponse answer = model.chat(question("What causes tides?"));

		assertThat(answer.content()).isEqualTo("Tides come from the Moon. [1]");
		assertThat(answer.finishReason()).isEqualTo("stop");
		assertThat(answer.model()).isEqualTo("gpt-test-2025");
		assertThat(answer.usage()).isEqualTo(new ChatResponse.Usage(42, 9, false));
		assertThat(answer.toolCalls()).isEmpty();
		ChatProviderServer.Received sent = server.received().getFirst();
		assertThat(sent.path()).isEqualTo("/v1/chat/completions");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
		JsonNode body = sent.body();
		assertThat(body.path("model").asString()).isEqualTo("gpt-test");
		assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
		assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
		assertThat(body.has("stream")).isFalse();
		assertThat(body.has("tools")).isFalse();
		assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
		assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("What causes tides?");
	}

	@Test
	void withoutUsageTokensAreEstimatedAndMarkedSo() {
		server.reply(json(200, """
				{"choices":[{"message":{"role":"assistant","content":"Twelve characters."},"finish_reason":"stop"}]}"""));

		ChatResponse answer = model.chat(question("How long?"));

		assertThat(answer.usage().estimated()).isTrue();
		assertThat(answer.usage().outputTokens()).isEqualTo(5);
		assertThat(answer.usage().inputTokens()).isPositive();
		assertThat(answer.model()).isEqualTo("gpt-test");
	}

	@Test
	void noKeyNoAuthorizationHeader() {
		try (var keyless = new OpenAiChatModel(server.url("/v1"), " ", Duration.ofSeconds(5))) {
			server.reply(json(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"));
			keyless.chat(question("q"));
		}
		assertThat(server.received().getFirst().header("Authorization")).isNull();
		assertThat(server.received().getFirst().path()).isEqualTo("/v1/chat/completions");
	}

	@Test
	void aStreamedAnswerArrivesTokenByTokenInOrder() {
		server.reply(events(Duration.ofMillis(20), data(
				"{\"model\":\"gpt-test-2025\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Tides \"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"come from \"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the Moon. [1]\"},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
				"{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":8}}", "[DONE]")));
		var listener = new RecordingListener();

		model.stream(question("What causes tides?"), listener);

		assertThat(listener.requestsSent()).isEqualTo(1);
		assertThat(listener.tokens()).containsExactly("Tides ", "come from ", "the Moon. [1]");
		ChatResponse done = listener.completed();
		assertThat(done.content()).isEqualTo("Tides come from the Moon. [1]");
		assertThat(done.finishReason()).isEqualTo("stop");
		assertThat(done.usage()).isEqualTo(new ChatResponse.Usage(40, 8, false));
		assertThat(done.model()).isEqualTo("gpt-test-2025");
		JsonNode body = server.received().getFirst().body();
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
		assertThat(server.received().getFirst().header("Accept")).isEqualTo("text/event-stream");
	}

	@Test
	void aStreamWithoutUsageIsEstimated() {
		server.reply(events(Duration.ZERO, data("{\"choices\":[{\"delta\":{\"content\":\"Yes.\"},\"finish_reason\":\"stop\"}]}",
				"[DONE]")));
		var listener = new RecordingListener();

		model.stream(question("q"), listener);

		assertThat(listener.completed().usage().estimated()).isTrue();
		assertThat(listener.completed().usage().outputTokens()).isEqualTo(1);
	}

	@Test
	void toolsAreOfferedAndToolCallsParsed() {
		server.reply(json(200, """
				{"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[
				   {"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}},
				   {"id":"call_b","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Bergen\\"}"}}]},
				  "finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":10,"completion_tokens":20}}"""));
		ChatRequest request = new ChatRequest("gpt-test", List.of(ChatMessage.user("Weather in Oslo and Bergen?")),
				List.of(), null, List.of(WEATHER), null, null);

		ChatResponse answer = model.chat(request);

		assertThat(answer.content()).isEmpty();
		assertThat(answer.finishReason()).isEqualTo("tool_calls");
		assertThat(answer.toolCalls()).containsExactly(new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}"),
				new ToolCall("call_b", "weather", "{\"city\":\"Bergen\"}"));
		JsonNode tool = server.received().getFirst().body().path("tools").get(0);
		assertThat(tool.path("type").asString()).isEqualTo("function");
		assertThat(tool.path("function").path("name").asString()).isEqualTo("weather");
		assertThat(tool.path("function").path("description").asString()).isEqualTo("Current weather of a city");
		assertThat(tool.path("function").path("parameters").path("required").get(0).asString()).isEqualTo("city");
		assertThat(server.received().getFirst().body().has("max_tokens")).isFalse();
	}

	@Test
	void streamedToolCallFragmentsAreAssembledByIndex() {
		server.reply(events(Duration.ofMillis(5), data(
				"{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\"}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Oslo\\\"}\"}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"Bergen\\\"}\"}}]}}]}",
				"{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", "[DONE]")));
		var listener = new RecordingListener();

		model.stream(new ChatRequest("gpt-test", List.of(ChatMessage.user("Weather?")), List.of(), null,
				List.of(WEATHER), null, null), listener);

		assertThat(listener.tokens()).isEmpty();
		assertThat(listener.completed().finishReason()).isEqualTo("tool_calls");
		assertThat(listener.completed().toolCalls()).containsExactly(
				new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}"),
				new ToolCall("call_b", "weather", "{\"city\":\"Bergen\"}"));
	}

	@Test
	void toolCallsAndResultsGoBackInOpenAisShape() {
		server.reply(json(200, "{\"choices\":[{\"message\":{\"content\":\"Sunny in Oslo.\"},\"finish_reason\":\"stop\"}]}"));
		var call = new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}");
		ChatRequest request = new ChatRequest("gpt-test", List.of(ChatMessage.user("Weather in Oslo?"),
				new ChatMessage("assistant", "", List.of(call), null), ChatMessage.tool("call_a", "{\"sky\":\"sunny\"}")),
				List.of(), null, List.of(WEATHER), null, null);

		assertThat(model.chat(request).content()).isEqualTo("Sunny in Oslo.");

		JsonNode messages = server.received().getFirst().body().path("messages");
		JsonNode assistant = messages.get(1);
		assertThat(assistant.path("role").asString()).isEqualTo("assistant");
		assertThat(assistant.path("content").isNull()).isTrue();
		assertThat(assistant.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_a");
		assertThat(assistant.path("tool_calls").get(0).path("type").asString()).isEqualTo("function");
		assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asString())
			.isEqualTo("{\"city\":\"Oslo\"}");
		JsonNode result = messages.get(2);
		assertThat(result.path("role").asString()).isEqualTo("tool");
		assertThat(result.path("tool_call_id").asString()).isEqualTo("call_a");
		assertThat(result.path("content").asString()).isEqualTo("{\"sky\":\"sunny\"}");
	}

	@Test
	void aBadRequestIsNotRetryableAndSaysWhyWithoutTheKey() {
		server.reply(json(400, """
				{"error":{"message":"Invalid model gpt-test for key sk-test-4f9a0c","type":"invalid_request_error",
				 "param":"model","code":"model_not_found"}}"""));

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class, () -> model.chat(question("q")));

		assertThat(failed.retryable()).isFalse();
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.getMessage()).contains("HTTP 400", "Invalid model gpt-test", "invalid_request_error")
			.doesNotContain(KEY);
	}

	@Test
	void rateLimitsOverloadAndServerErrorsAreRetryableWithRetryAfter() {
		for (int status : new int[] { 408, 409, 429, 500, 502, 503 }) {
			server.reply(json(status, "{\"error\":{\"message\":\"busy\"}}", "Retry-After", "3"));
			ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class, () -> model.chat(question("q")));
			assertThat(failed.retryable()).as("HTTP %d", status).isTrue();
			assertThat(failed.status()).isEqualTo(status);
			assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(3));
		}
		for (int status : new int[] { 401, 403, 404 }) {
			server.reply(json(status, "{\"error\":{\"message\":\"no\"}}"));
			assertThat(catchThrowableOfType(ChatModelFailed.class, () -> model.chat(question("q"))).retryable())
				.as("HTTP %d", status)
				.isFalse();
		}
		server.reply(json(429, "{}", "retry-after-ms", "1500"));
		assertThat(catchThrowableOfType(ChatModelFailed.class, () -> model.chat(question("q"))).retryAfter())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void anErrorStatusOfAStreamedCallReadsLikeAPlainOne() {
		server.reply(json(503, "{\"error\":{\"message\":\"model is loading\"}}"));

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(question("q"), new RecordingListener()));

		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("HTTP 503", "model is loading");
	}

	@Test
	void aStreamThatEndsBeforeItsLastChunkFails() {
		server.reply(events(Duration.ZERO, data("{\"choices\":[{\"delta\":{\"content\":\"Tides\"}}]}")));
		var listener = new RecordingListener();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class, () -> model.stream(question("q"), listener));

		assertThat(listener.tokens()).containsExactly("Tides");
		assertThat(listener.completions()).isEmpty();
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("ended the stream");
	}

	@Test
	void anErrorInsideTheStreamFails() {
		server.reply(events(Duration.ZERO, data("{\"choices\":[{\"delta\":{\"content\":\"Tides\"}}]}",
				"{\"error\":{\"message\":\"upstream hiccup\",\"type\":\"server_error\"}}")));

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(question("q"), new RecordingListener()));

		assertThat(failed.getMessage()).contains("upstream hiccup");
	}

	@Test
	void nothingListeningIsRetryable() throws Exception {
		var gone = new ChatProviderServer();
		var url = gone.url("/v1");
		gone.close();
		try (var unreachable = new OpenAiChatModel(url, null, Duration.ofSeconds(2))) {
			ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class, () -> unreachable.chat(question("q")));
			assertThat(failed.retryable()).isTrue();
			assertThat(failed.status()).isZero();
		}
	}

	@Test
	void aSlowProviderTimesOutAtTheDeadline() {
		server.reply(ChatProviderServer.after(Duration.ofSeconds(5), json(200, "{}")));
		long started = System.nanoTime();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(question("q"), Deadline.after(Duration.ofMillis(300))));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("did not answer in time");
	}

	@Test
	void aStreamThatStallsTimesOutAtTheDeadline() {
		server.reply(ChatProviderServer.eventsThenStall(Duration.ofSeconds(5),
				data("{\"choices\":[{\"delta\":{\"content\":\"Tides\"}}]}")));
		var listener = new RecordingListener();
		long started = System.nanoTime();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(question("q"), listener, Deadline.after(Duration.ofMillis(400))));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(350), Duration.ofSeconds(2));
		assertThat(listener.tokens()).containsExactly("Tides");
		assertThat(failed.getMessage()).contains("did not answer in time");
	}
}
