package io.knowledgecloud.assistant.spi;

/** Receives a streamed answer: text as it is generated, then the complete response once. */
public interface ChatListener {

	/**
	 * The request is on its way to the provider; its answer has not arrived yet. Called at most once
	 * per attempt, before any token of that attempt, by adapters that call a remote model (retries
	 * call it again). The caller can use the wait for the first token (ADR 47).
	 */
	default void requestSent() {
	}

	/** A piece of generated text. */
	void token(String text);

	/** The whole answer, after the last token (also carries tool calls and usage). */
	void complete(ChatResponse response);
}
