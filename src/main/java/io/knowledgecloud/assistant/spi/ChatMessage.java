package io.knowledgecloud.assistant.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation with a chat model.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text (may be empty for an assistant message that only calls tools)
 * @param toolCalls tools the assistant asked to call (assistant messages only)
 * @param toolCallId the call this message answers (tool messages only)
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

	public ChatMessage {
		toolCalls = List.copyOf(toolCalls);
	}

	public static ChatMessage system(String content) {
		return new ChatMessage("system", content, List.of(), null);
	}

	public static ChatMessage user(String content) {
		return new ChatMessage("user", content, List.of(), null);
	}

	public static ChatMessage assistant(String content) {
		return new ChatMessage("assistant", content, List.of(), null);
	}

	public static ChatMessage tool(String callId, String content) {
		return new ChatMessage("tool", content, List.of(), callId);
	}
}
