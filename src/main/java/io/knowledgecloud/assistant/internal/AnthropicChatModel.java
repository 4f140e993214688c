package io.knowledgecloud.assistant.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.ToolCall;
import io.knowledgecloud.assistant.spi.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, version {@code 2023-06-01}), plain and
 * streamed, with tool use. The conversation is translated by {@link AnthropicMessages}; stop
 * reasons are mapped to the SPI's ({@code end_turn} → {@code stop}, {@code max_tokens} →
 * {@code length}, {@code tool_use} → {@code tool_calls}).
 */
final class AnthropicChatModel extends RemoteChatModel {

	static final String PROVIDER = "Anthropic";
	static final URI DEFAULT_BASE = URI.create("https://api.anthropic.com");
	static final String VERSION = "2023-06-01";
	static final int DEFAULT_MAX_TOKENS = 1024;

	private final ProviderEndpoint endpoint;

	/** @param apiKey sent as {@code x-api-key}; {@code null} or blank sends none (a proxy may add it) */
	AnthropicChatModel(@Nullable URI baseUrl, @Nullable String apiKey, Duration timeout) {
		super(timeout);
		Map<String, String> headers = new HashMap<>(Map.of("anthropic-version", VERSION));
		if (apiKey != null && !apiKey.isBlank()) {
			headers.put("x-api-key", apiKey);
		}
		this.endpoint = new ProviderEndpoint(PROVIDER, messagesUri(baseUrl != null ? baseUrl : DEFAULT_BASE), headers,
				apiKey, timeout);
	}

	/** {@code <base>/v1/messages}; a base that already ends in {@code /v1} is accepted too. */
	static URI messagesUri(URI baseUrl) {
		String base = baseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + (base.endsWith("/v1") ? "/messages" : "/v1/messages"));
	}

	@Override
	public String id() {
		return "anthropic";
	}

	@Override
	ChatResponse chat(ChatRequest request, Deadline deadline) {
		JsonNode answer = endpoint.post(body(request, false), deadline);
		if (!answer.path("content").isArray()) {
			throw endpoint.malformed("answered without content");
		}
		StringBuilder text = new StringBuilder();
		List<ToolCall> calls = new ArrayList<>();
		for (JsonNode block : answer.path("content").values()) {
			switch (text(block.path("type"))) {
				case "text" -> text.append(text(block.path("text")));
				case "tool_use" -> calls.add(new ToolCall(text(block.path("id")),
						text(block.path("name")),
						block.path("input").isObject() ? block.path("input").toString() : "{}"));
				default -> {
					// thinking and other block types are not part of the answer
				}
			}
		}
		AnthropicStream usage = new AnthropicStream();
		usage.usage(answer.path("usage"));
		String content = text.toString();
		return new ChatResponse(content, calls, usage.usage(request, content, calls),
				stopReason(text(answer.path("stop_reason"))), model(answer, request));
	}

	@Override
	void stream(ChatRequest request, ChatListener listener, Deadline deadline) {
		AnthropicStream state = new AnthropicStream();
		endpoint.stream(body(request, true), deadline, listener::requestSent,
				event -> state.on(event, listener, endpoint));
		if (!state.stopped) {
			throw endpoint.endedEarly();
		}
		String content = state.content.toString();
		List<ToolCall> calls = state.calls.calls();
		listener.complete(new ChatResponse(content, calls, state.usage(request, content, calls),
				stopReason(state.stopReason), state.model != null ? state.model : request.model()));
	}

	private ObjectNode body(ChatRequest request, boolean stream) {
		ObjectNode body = ProviderEndpoint.JSON.createObjectNode();
		body.put("model", request.model());
		body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
		String system = AnthropicMessages.system(request.messages());
		if (!system.isEmpty()) {
			body.put("system", system);
		}
		body.set("messages", AnthropicMessages.messages(request.messages()));
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		if (!request.tools().isEmpty()) {
			ArrayNode tools = body.putArray("tools");
			for (ToolSpec tool : request.tools()) {
				tools.addObject()
					.put("name", tool.name())
					.put("description", tool.description())
					.set("input_schema", schema(tool));
			}
		}
		if (stream) {
			body.put("stream", true);
		}
		return body;
	}

	static String stopReason(String reason) {
		return switch (reason) {
			case "end_turn", "stop_sequence", "" -> "stop";
			case "max_tokens" -> "length";
			case "tool_use" -> "tool_calls";
			default -> reason;
		};
	}

	private static String model(JsonNode answer, ChatRequest request) {
		String model = text(answer.path("model"));
		return model.isEmpty() ? request.model() : model;
	}

	@Override
	public void close() {
		endpoint.close();
	}
}
