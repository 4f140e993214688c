package io.knowledgecloud.assistant.spi;

/**
 * A chat model provider. Adapters: {@code extractive} (offline, no weights), {@code openai} (any
 * OpenAI-compatible base URL) and {@code anthropic} (Messages API). A provider that fails throws
 * {@link ChatModelFailed}, saying whether retrying may help.
 */
public interface ChatModel {

	/** Stable provider id. */
	String id();

	/** The whole answer at once. */
	ChatResponse chat(ChatRequest request);

	/**
	 * The answer streamed to {@code listener}; returns after {@link ChatListener#complete}. The
	 * default calls {@link #chat} and delivers the text as one token.
	 */
	default void stream(ChatRequest request, ChatListener listener) {
		ChatResponse response = chat(request);
		if (!response.content().isEmpty()) {
			listener.token(response.content());
		}
		listener.complete(response);
	}
}
