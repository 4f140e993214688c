package io.knowledgecloud.assistant.internal;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.MeterRegistry;

/** Builds the remote chat model {@code kc.assistant.provider} names, behind {@link ResilientChatModel}. */
final class RemoteChatModels {

	private RemoteChatModels() {
	}

	static ResilientChatModel create(AssistantSettings settings, @Nullable MeterRegistry meters) {
		if (settings.model().equals("extractive-v1")) {
			throw new IllegalStateException("kc.assistant.provider=" + settings.provider()
					+ " needs kc.assistant.model, the provider's model name (for example gpt-4o-mini, llama3.2 or "
					+ "claude-sonnet-4-5)");
		}
		RemoteChatModel model = switch (settings.provider()) {
			case "openai" -> {
				if (settings.baseUrl() == null) {
					throw new IllegalStateException("kc.assistant.provider=openai needs kc.assistant.base-url, up to "
							+ "and including /v1 (for example https://api.openai.com/v1 or http://localhost:11434/v1)");
				}
				yield new OpenAiChatModel(settings.baseUrl(), settings.apiKey(), settings.timeout());
			}
			case "anthropic" -> new AnthropicChatModel(settings.baseUrl(), settings.apiKey(), settings.timeout());
			default -> throw new IllegalStateException("kc.assistant.provider=" + settings.provider() + " is unknown");
		};
		var resilient = new ResilientChatModel(model, settings.timeout(), settings.maxRetries(),
				settings.maxConcurrentCalls());
		if (meters != null) {
			resilient.bindMetrics(meters);
		}
		return resilient;
	}
}
