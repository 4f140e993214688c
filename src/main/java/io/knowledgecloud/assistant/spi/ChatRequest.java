package io.knowledgecloud.assistant.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request to a chat model.
 *
 * @param model the provider's model name
 * @param messages the conversation, system prompt first
 * @param passages the sources the prompt cites (the extractive model's only input besides the question)
 * @param question the standalone question being answered, if any
 * @param tools tools the model may call (empty = none)
 * @param maxTokens most tokens to generate, or {@code null} for the provider default
 * @param temperature sampling temperature, or {@code null}
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<Passage> passages, @Nullable String question,
		List<ToolSpec> tools, @Nullable Integer maxTokens, @Nullable Double temperature) {

	public ChatRequest {
		messages = List.copyOf(messages);
		passages = List.copyOf(passages);
		tools = List.copyOf(tools);
	}
}
