package io.knowledgecloud.assistant.internal;

import static io.knowledgecloud.assistant.internal.RemoteChatModel.count;
import static io.knowledgecloud.assistant.internal.RemoteChatModel.estimate;
import static io.knowledgecloud.assistant.internal.RemoteChatModel.text;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.ToolCall;
import tools.jackson.databind.JsonNode;

/**
 * What an Anthropic answer has said so far: the stream's events ({@code message_start},
 * {@code content_block_start}, {@code content_block_delta} with {@code text_delta} or
 * {@code input_json_delta}, {@code message_delta}, {@code message_stop}, {@code ping},
 * {@code error}) folded into text, tool calls, stop reason and usage. A whole answer's usage is
 * read the same way.
 */
final class AnthropicStream {

	final StringBuilder content = new StringBuilder();
	final ToolCallBuffer calls = new ToolCallBuffer();
	String stopReason = "";
	boolean stopped;
	@Nullable String model;
	int inputTokens = -1;
	int outputTokens = -1;

	void on(SseParser.Event event, ChatListener listener, ProviderEndpoint endpoint) {
		JsonNode data = event.name().equals("ping") ? ProviderEndpoint.JSON.missingNode()
				: endpoint.parse(event.data());
		switch (event.name()) {
			case "message_start" -> {
				JsonNode message = data.path("message");
				String name = text(message.path("model"));
				model = name.isEmpty() ? null : name;
				usage(message.path("usage"));
			}
			case "content_block_start" -> {
				JsonNode block = data.path("content_block");
				int index = count(data.path("index"));
				if (text(block.path("type")).equals("tool_use")) {
					calls.start(index, text(block.path("id")),
							text(block.path("name")));
				}
				else {
					token(text(block.path("text")), listener);
				}
			}
			case "content_block_delta" -> {
				JsonNode delta = data.path("delta");
				switch (text(delta.path("type"))) {
					case "text_delta" -> token(text(delta.path("text")), listener);
					case "input_json_delta" -> calls.arguments(count(data.path("index")),
							text(delta.path("partial_json")));
					default -> {
						// thinking and signature deltas are not part of the answer
					}
				}
			}
			case "message_delta" -> {
				String reason = text(data.path("delta").path("stop_reason"));
				stopReason = reason.isEmpty() ? stopReason : reason;
				usage(data.path("usage"));
			}
			case "message_stop" -> stopped = true;
			case "error" -> throw endpoint.streamError(status(data.path("error")), data.path("error"));
			default -> {
				// ping, content_block_stop, and event types added later
			}
		}
	}

	private void token(String text, ChatListener listener) {
		if (!text.isEmpty()) {
			content.append(text);
			listener.token(text);
		}
	}

	/** Input counts cached prompt tokens too: they were sent, and are billed (at their own price). */
	void usage(JsonNode usage) {
		int input = count(usage.path("input_tokens"));
		if (input >= 0) {
			inputTokens = input + Math.max(0, count(usage.path("cache_creation_input_tokens")))
					+ Math.max(0, count(usage.path("cache_read_input_tokens")));
		}
		int output = count(usage.path("output_tokens"));
		if (output >= 0) {
			outputTokens = output;
		}
	}

	ChatResponse.Usage usage(ChatRequest request, String content, List<ToolCall> calls) {
		if (inputTokens >= 0 && outputTokens >= 0) {
			return new ChatResponse.Usage(inputTokens, outputTokens, false);
		}
		return estimate(request, content, calls);
	}

	/** The HTTP status an error event stands for, so that it is retryable as that status would be. */
	private static int status(JsonNode error) {
		return switch (text(error.path("type"))) {
			case "invalid_request_error" -> 400;
			case "authentication_error" -> 401;
			case "permission_error" -> 403;
			case "not_found_error" -> 404;
			case "request_too_large" -> 413;
			case "rate_limit_error" -> 429;
			case "overloaded_error" -> 529;
			default -> 500;
		};
	}
}
