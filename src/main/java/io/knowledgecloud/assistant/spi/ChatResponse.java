package io.knowledgecloud.assistant.spi;

import java.util.List;

/**
 * A model's complete answer.
 *
 * @param content the generated text
 * @param toolCalls tools the model wants called (then {@code finishReason} is {@code tool_calls})
 * @param usage tokens in and out as the provider reported them (or as counted, when it did not)
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, or the provider's value
 * @param model the model that answered
 */
public record ChatResponse(String content, List<ToolCall> toolCalls, Usage usage, String finishReason, String model) {

	public ChatResponse {
		toolCalls = List.copyOf(toolCalls);
	}

	/** Token counts. {@code estimated} = counted by us, because the provider reported none. */
	public record Usage(int inputTokens, int outputTokens, boolean estimated) {
	}
}
