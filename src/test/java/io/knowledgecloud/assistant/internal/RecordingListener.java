package io.knowledgecloud.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatResponse;

/** Keeps what a stream delivered, in order. */
final class RecordingListener implements ChatListener {

	private final List<String> tokens = new CopyOnWriteArrayList<>();
	private final List<ChatResponse> completions = new CopyOnWriteArrayList<>();
	private final java.util.concurrent.atomic.AtomicInteger requestsSent = new java.util.concurrent.atomic.AtomicInteger();

	@Override
	public void requestSent() {
		assertThat(tokens).as("the request sent after a token").isEmpty();
		requestsSent.incrementAndGet();
	}

	@Override
	public void token(String text) {
		assertThat(completions).as("a token after complete").isEmpty();
		tokens.add(text);
	}

	@Override
	public void complete(ChatResponse response) {
		completions.add(response);
	}

	/** How often the model said its request was on its way (once per attempt). */
	int requestsSent() {
		return requestsSent.get();
	}

	List<String> tokens() {
		return tokens;
	}

	List<ChatResponse> completions() {
		return completions;
	}

	/** The one complete response. */
	ChatResponse completed() {
		assertThat(completions).hasSize(1);
		return completions.getFirst();
	}
}
