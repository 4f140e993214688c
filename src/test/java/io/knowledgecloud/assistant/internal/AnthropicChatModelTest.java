package io.knowledgecloud.assistant.internal;

import static io.knowledgecloud.assistant.internal.ChatProviderServer.events;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
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
import tools.jackson.databind.JsonNode;

/** Anthropic's Messages API against a local server that speaks it. */
class AnthropicChatModelTest {

	static final String KEY = "sk-ant-test-77d1";

	private ChatProviderServer server;
	private AnthropicChatModel model;

	@BeforeEach
	void start() throws Exception {
		server = new ChatProviderServer();
		model = new AnthropicChatModel(server.url(""), KEY, Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		model.close();
		server.close();
	}

	static String event(String name, String json) {
		return "event: " + name + "\ndata: " + json;
	}

	@Test
	void aPlainAnswerWithTheSystemPromptOnTop() {
		server.reply(json(200, """
				{"id":"msg_1","type":"message","role":"assistant","model":"claude-test-1",
				 "content":[{"type":"text","text":"Tides come from the Moon. [1]"}],
				 "stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":120,"output_tokens":11,"cache_read_input_tokens":30}}"""));

		ChatResponse answer = model.chat(OpenAiChatModelTest.question("What causes tides?"));

		assertThat(answer.content()).isEqualTo("Tides come from the Moon. [1]");
		assertThat(answer.finishReason()).isEqualTo("stop");
		assertThat(answer.model()).isEqualTo("claude-test-1");
		assertThat(answer.usage()).isEqualTo(new ChatResponse.Usage(150, 11, false));
		ChatProviderServer.Received sent = server.received().getFirst();
		assertThat(sent.path()).isEqualTo("/v1/messages");
		assertThat(sent.header("x-api-key")).isEqualTo(KEY);
		assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
		assertThat(sent.header("Authorization")).isNull();
		JsonNode body = sent.body();
		assertThat(body.path("system").asString()).isEqualTo("Answer from the sources.");
		assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
		assertThat(body.path("messages")).hasSize(1);
		assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
		assertThat(body.path("messages").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("What causes tides?");
	}

	@Test
	void maxTokensIsRequiredSoItDefaults() {
		server.reply(json(200, """
				{"content":[{"type":"text","text":"Long answer"}],"stop_reason":"max_tokens"}"""));

		ChatResponse answer = model.chat(new ChatRequest("claude-test", List.of(ChatMessage.user("q")), List.of(), null,
				List.of(), null, null));

		assertThat(server.received().getFirst().body().path("max_tokens").asInt()).isEqualTo(1024);
		assertThat(server.received().getFirst().body().has("system")).isFalse();
		assertThat(answer.finishReason()).isEqualTo("length");
		assertThat(answer.usage().estimated()).isTrue();
	}

	@Test
	void theBaseUrlMayEndInV1() {
		assertThat(AnthropicChatModel.messagesUri(URI.create("https://api.anthropic.com")))
			.hasToString("https://api.anthropic.com/v1/messages");
		assertThat(AnthropicChatModel.messagesUri(URI.create("http://proxy:8080/anthropic/v1/")))
			.hasToString("http://proxy:8080/anthropic/v1/messages");
	}

	@Test
	void aStreamedAnswerArrivesTokenByTokenInOrder() {
		server.reply(events(Duration.ofMillis(20),
				event("message_start", """
						{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],
						 "model":"claude-test-1","stop_reason":null,"usage":{"input_tokens":96,"output_tokens":1}}}"""
					.replace("\n", "")),
				event("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
				event("ping", "{\"type\": \"ping\"}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Tides \"}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"come from \"}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"the Moon. [1]\"}}"),
				event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
				event("message_delta",
						"{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}"),
				event("message_stop", "{\"type\":\"message_stop\"}")));
		var listener = new RecordingListener();

		model.stream(OpenAiChatModelTest.question("What causes tides?"), listener);

		assertThat(listener.requestsSent()).isEqualTo(1);
		assertThat(listener.tokens()).containsExactly("Tides ", "come from ", "the Moon. [1]");
		ChatResponse done = listener.completed();
		assertThat(done.content()).isEqualTo("Tides come from the Moon. [1]");
		assertThat(done.finishReason()).isEqualTo("stop");
		assertThat(done.usage()).isEqualTo(new ChatResponse.Usage(96, 12, false));
		assertThat(done.model()).isEqualTo("claude-test-1");
		assertThat(server.received().getFirst().body().path("stream").asBoolean()).isTrue();
	}

	@Test
	void toolUseIsParsedAndToolsOfferedWithTheirSchema() {
		server.reply(json(200, """
				{"model":"claude-test-1","stop_reason":"tool_use","usage":{"input_tokens":50,"output_tokens":30},
				 "content":[{"type":"text","text":"Let me check."},
				            {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Oslo"}}]}"""));

		ChatResponse answer = model.chat(new ChatRequest("claude-test", List.of(ChatMessage.user("Weather in Oslo?")),
				List.of(), null, List.of(OpenAiChatModelTest.WEATHER), null, null));

		assertThat(answer.content()).isEqualTo("Let me check.");
		assertThat(answer.finishReason()).isEqualTo("tool_calls");
		assertThat(answer.toolCalls()).containsExactly(new ToolCall("toolu_1", "weather", "{\"city\":\"Oslo\"}"));
		JsonNode tool = server.received().getFirst().body().path("tools").get(0);
		assertThat(tool.path("name").asString()).isEqualTo("weather");
		assertThat(tool.path("description").asString()).isEqualTo("Current weather of a city");
		assertThat(tool.path("input_schema").path("type").asString()).isEqualTo("object");
	}

	@Test
	void streamedToolInputIsAssembledFromJsonDeltas() {
		server.reply(events(Duration.ofMillis(5),
				event("message_start",
						"{\"type\":\"message_start\",\"message\":{\"model\":\"claude-test-1\",\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}"),
				event("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}"),
				event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
				event("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"weather\",\"input\":{}}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Oslo\\\"}\"}}"),
				event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
				event("content_block_start",
						"{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"clock\",\"input\":{}}}"),
				event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"),
				event("message_delta",
						"{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":40}}"),
				event("message_stop", "{\"type\":\"message_stop\"}")));
		var listener = new RecordingListener();

		model.stream(new ChatRequest("claude-test", List.of(ChatMessage.user("Weather?")), List.of(), null,
				List.of(OpenAiChatModelTest.WEATHER), null, null), listener);

		assertThat(listener.tokens()).containsExactly("Checking.");
		assertThat(listener.completed().finishReason()).isEqualTo("tool_calls");
		assertThat(listener.completed().toolCalls()).containsExactly(
				new ToolCall("toolu_1", "weather", "{\"city\": \"Oslo\"}"), new ToolCall("toolu_2", "clock", "{}"));
		assertThat(listener.completed().usage()).isEqualTo(new ChatResponse.Usage(50, 40, false));
	}

	@Test
	void theConversationAlternatesWithToolUseAndToolResultBlocks() {
		server.reply(json(200, "{\"content\":[{\"type\":\"text\",\"text\":\"Sunny.\"}],\"stop_reason\":\"end_turn\"}"));
		var oslo = new ToolCall("toolu_1", "weather", "{\"city\":\"Oslo\"}");
		var bergen = new ToolCall("toolu_2", "weather", "{\"city\":\"Bergen\"}");
		ChatRequest request = new ChatRequest("claude-test",
				List.of(ChatMessage.system("Be brief."), ChatMessage.user("Weather in Oslo and Bergen?"),
						new ChatMessage("assistant", "Checking both.", List.of(oslo, bergen), null),
						ChatMessage.tool("toolu_1", "sunny"), ChatMessage.tool("toolu_2", "rain"),
						ChatMessage.system("Answer in one word.")),
				List.of(), null, List.of(OpenAiChatModelTest.WEATHER), 100, null);

		model.chat(request);

		JsonNode body = server.received().getFirst().body();
		assertThat(body.path("system").asString()).isEqualTo("Be brief.\n\nAnswer in one word.");
		JsonNode messages = body.path("messages");
		assertThat(messages).hasSize(3);
		assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
		JsonNode assistant = messages.get(1);
		assertThat(assistant.path("role").asString()).isEqualTo("assistant");
		assertThat(assistant.path("content").get(0).path("text").asString()).isEqualTo("Checking both.");
		assertThat(assistant.path("content").get(1).path("type").asString()).isEqualTo("tool_use");
		assertThat(assistant.path("content").get(1).path("id").asString()).isEqualTo("toolu_1");
		assertThat(assistant.path("content").get(1).path("input").path("city").asString()).isEqualTo("Oslo");
		assertThat(assistant.path("content").get(2).path("input").path("city").asString()).isEqualTo("Bergen");
		JsonNode results = messages.get(2);
		assertThat(results.path("role").asString()).isEqualTo("user");
		assertThat(results.path("content")).hasSize(2);
		assertThat(results.path("content").get(0).path("type").asString()).isEqualTo("tool_result");
		assertThat(results.path("content").get(0).path("tool_use_id").asString()).isEqualTo("toolu_1");
		assertThat(results.path("content").get(1).path("content").asString()).isEqualTo("rain");
	}

	@Test
	void errorsCarryAnthropicsMessageAndOverloadIsRetryable() {
		server.reply(json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
				"retry-after", "2"));
		ChatModelFailed overloaded = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));
		assertThat(overloaded.retryable()).isTrue();
		assertThat(overloaded.status()).isEqualTo(529);
		assertThat(overloaded.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(overloaded.getMessage()).contains("Anthropic answered HTTP 529", "Overloaded (overloaded_error)");

		server.reply(json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key "
				+ KEY + "\"}}"));
		ChatModelFailed unauthorized = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));
		assertThat(unauthorized.retryable()).isFalse();
		assertThat(unauthorized.getMessage()).contains("invalid x-api-key [redacted]").doesNotContain(KEY);
	}

	@Test
	void anErrorEventAfterTheFirstTokenFailsTheStream() {
		server.reply(events(Duration.ZERO,
				event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}"),
				event("content_block_delta",
						"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Tides\"}}"),
				event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
		var listener = new RecordingListener();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(OpenAiChatModelTest.question("q"), listener));

		assertThat(listener.tokens()).containsExactly("Tides");
		assertThat(listener.completions()).isEmpty();
		assertThat(failed.status()).isEqualTo(529);
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("Overloaded");
	}

	@Test
	void aStreamWithoutMessageStopFails() {
		server.reply(events(Duration.ZERO, event("message_start", "{\"type\":\"message_start\",\"message\":{}}")));

		assertThat(catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(OpenAiChatModelTest.question("q"), new RecordingListener()))
			.getMessage()).contains("ended the stream");
	}
}
