package io.knowledgecloud.assistant.spi;

/** Receives a streamed answer: text as it is generated, then the complete response once. */
public interface ChatListener {

	/** A piece of generated text. */
	void token(String text);

	/** The whole answer, after the last token (also carries tool calls and usage). */
	void complete(ChatResponse response);
}
