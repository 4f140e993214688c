package io.knowledgecloud.assistant.internal;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.MeterRegistry;

/** Builds the remote chat model {@code kc.assistant.provider} names, behind {@link ResilientChatModel}. */
final class RemoteChatModels {

	private RemoteChatModels() {
	}

	static ResilientChatModel create(AssistantSettings settings, @Nullable MeterRegistry meters) {
		return create(settings.provider(), settings.model(), settings.baseUrl(), settings.apiKey(), settings, meters);
	}

	/** A remote model with its own provider, model, base URL and key, and the server's resilience settings. */
	static ResilientChatModel create(String provider, String modelName, java.net.@Nullable URI baseUrl,
			@Nullable String apiKey, AssistantSettings settings, @Nullable MeterRegistry meters) {
		if (modelName.equals("extractive-v1")) {
			throw new IllegalStateException("kc.assistant.provider=" + provider
					+ " needs kc.assistant.model, the provider's model name (for example gpt-4o-mini, llama3.2 or "
					+ "claude-sonnet-4-5)");
		}
		RemoteChatModel model = switch (provider) {
			case "openai" -> {
				if (baseUrl == null) {
					throw new IllegalStateException("kc.assistant.provider=openai needs kc.assistant.base-url, up to "
							+ "and including /v1 (for example https://api.openai.com/v1 or http://localhost:11434/v1)");
				}
				yield new OpenAiChatModel(baseUrl, apiKey, settings.timeout());
			}
			case "anthropic" -> new AnthropicChatModel(baseUrl, apiKey, settings.timeout());
			default -> throw new IllegalStateException("kc.assistant.provider=" + provider + " is unknown");
		};
		var resilient = new ResilientChatModel(model, settings.timeout(), settings.maxRetries(),
				settings.maxConcurrentCalls());
		if (meters != null) {
			resilient.bindMetrics(meters);
		}
		return resilient;
	}
}
