package io.knowledgecloud.assistant.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.ToolCall;
import io.knowledgecloud.assistant.spi.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any server that speaks OpenAI's {@code POST /v1/chat/completions} (OpenAI, Ollama, vLLM,
 * llama.cpp, LM Studio, LocalAI, gateways): plain and streamed, with tool calls. Usage comes from
 * the provider ({@code stream_options.include_usage} asks for it in streams); when it reports
 * none, tokens are estimated and marked so.
 */
final class OpenAiChatModel extends RemoteChatModel {

	static final String PROVIDER = "OpenAI-compatible provider";

	private final ProviderEndpoint endpoint;

	/**
	 * @param baseUrl up to and including {@code /v1}, e.g. {@code http://localhost:11434/v1}
	 * @param apiKey sent as a bearer token; {@code null} or blank sends no {@code Authorization}
	 */
	OpenAiChatModel(URI baseUrl, @Nullable String apiKey, Duration timeout) {
		super(timeout);
		boolean keyed = apiKey != null && !apiKey.isBlank();
		this.endpoint = new ProviderEndpoint(PROVIDER, completionsUri(baseUrl),
				keyed ? Map.of("Authorization", "Bearer " + apiKey) : Map.of(), apiKey, timeout);
	}

	static URI completionsUri(URI baseUrl) {
		return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
	}

	@Override
	public String id() {
		return "openai";
	}

	@Override
	ChatResponse chat(ChatRequest request, Deadline deadline) {
		JsonNode answer = endpoint.post(body(request, false), deadline);
		if (answer.has("error")) {
			throw endpoint.streamError(500, answer.path("error"));
		}
		JsonNode choice = answer.path("choices").path(0);
		if (!choice.isObject()) {
			throw endpoint.malformed("answered without choices");
		}
		JsonNode message = choice.path("message");
		String content = text(message.path("content"));
		List<ToolCall> calls = new ArrayList<>();
		int index = 0;
		for (JsonNode call : message.path("tool_calls").values()) {
			JsonNode function = call.path("function");
			JsonNode arguments = function.path("arguments");
			calls.add(new ToolCall(call.path("id").isString() ? call.path("id").stringValue() : "call_" + index,
					text(function.path("name")), arguments.isObject() ? arguments.toString() : text(arguments)));
			index++;
		}
		return new ChatResponse(content, calls, usage(answer.path("usage"), request, content, calls),
				finish(text(choice.path("finish_reason")), calls), model(answer, request));
	}

	@Override
	void stream(ChatRequest request, ChatListener listener, Deadline deadline) {
		var state = new Object() {
			final StringBuilder content = new StringBuilder();
			final ToolCallBuffer calls = new ToolCallBuffer();
			String finish = "";
			boolean done;
			@Nullable JsonNode usage;
			String model = "";
		};
		endpoint.stream(body(request, true), deadline, listener::requestSent, event -> {
			if (event.data().equals("[DONE]")) {
				state.done = true;
				return;
			}
			JsonNode chunk = endpoint.parse(event.data());
			if (chunk.has("error")) {
				throw endpoint.streamError(500, chunk.path("error"));
			}
			if (state.model.isEmpty()) {
				state.model = text(chunk.path("model"));
			}
			if (chunk.path("usage").isObject()) {
				state.usage = chunk.path("usage");
			}
			JsonNode choice = chunk.path("choices").path(0);
			String token = text(choice.path("delta").path("content"));
			if (!token.isEmpty()) {
				state.content.append(token);
				listener.token(token);
			}
			int position = 0;
			for (JsonNode fragment : choice.path("delta").path("tool_calls").values()) {
				int index = count(fragment.path("index")) >= 0 ? count(fragment.path("index")) : position;
				JsonNode function = fragment.path("function");
				state.calls.start(index, text(fragment.path("id")), text(function.path("name")));
				state.calls.arguments(index, text(function.path("arguments")));
				position++;
			}
			if (choice.path("finish_reason").isString()) {
				state.finish = choice.path("finish_reason").stringValue();
			}
		});
		if (!state.done && state.finish.isEmpty()) {
			throw endpoint.endedEarly();
		}
		String content = state.content.toString();
		List<ToolCall> calls = state.calls.calls();
		JsonNode usage = state.usage != null ? state.usage : ProviderEndpoint.JSON.missingNode();
		listener.complete(new ChatResponse(content, calls, usage(usage, request, content, calls),
				finish(state.finish, calls), state.model.isEmpty() ? request.model() : state.model));
	}

	private ObjectNode body(ChatRequest request, boolean stream) {
		ObjectNode body = ProviderEndpoint.JSON.createObjectNode();
		body.put("model", request.model());
		ArrayNode messages = body.putArray("messages");
		request.messages().forEach(m -> messages.add(message(m)));
		if (request.maxTokens() != null) {
			body.put("max_tokens", request.maxTokens());
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		if (!request.tools().isEmpty()) {
			ArrayNode tools = body.putArray("tools");
			for (ToolSpec tool : request.tools()) {
				ObjectNode function = tools.addObject().put("type", "function").putObject("function");
				function.put("name", tool.name()).put("description", tool.description());
				function.set("parameters", schema(tool));
			}
		}
		if (stream) {
			body.put("stream", true);
			body.putObject("stream_options").put("include_usage", true);
		}
		return body;
	}

	private static ObjectNode message(ChatMessage m) {
		ObjectNode out = ProviderEndpoint.JSON.createObjectNode().put("role", m.role());
		if (m.role().equals("assistant") && !m.toolCalls().isEmpty()) {
			if (m.content().isEmpty()) {
				out.putNull("content");
			}
			else {
				out.put("content", m.content());
			}
			ArrayNode calls = out.putArray("tool_calls");
			for (ToolCall call : m.toolCalls()) {
				calls.addObject()
					.put("id", call.id())
					.put("type", "function")
					.putObject("function")
					.put("name", call.name())
					.put("arguments", call.argumentsJson());
			}
			return out;
		}
		out.put("content", m.content());
		if (m.role().equals("tool") && m.toolCallId() != null) {
			out.put("tool_call_id", m.toolCallId());
		}
		return out;
	}

	private static ChatResponse.Usage usage(JsonNode usage, ChatRequest request, String content, List<ToolCall> calls) {
		int in = count(usage.path("prompt_tokens"));
		int out = count(usage.path("completion_tokens"));
		if (in >= 0 && out >= 0) {
			return new ChatResponse.Usage(in, out, false);
		}
		return estimate(request, content, calls);
	}

	/** Some local servers say {@code stop} even when the model called tools. */
	private static String finish(String reason, List<ToolCall> calls) {
		if (!calls.isEmpty()) {
			return "tool_calls";
		}
		return reason.isEmpty() ? "stop" : reason;
	}

	private static String model(JsonNode answer, ChatRequest request) {
		return answer.path("model").isString() && !answer.path("model").stringValue().isEmpty()
				? answer.path("model").stringValue() : request.model();
	}

	@Override
	public void close() {
		endpoint.close();
	}
}
