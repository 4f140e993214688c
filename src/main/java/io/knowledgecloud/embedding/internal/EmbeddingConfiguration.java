package io.knowledgecloud.embedding.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.knowledgecloud.embedding.spi.EmbeddingModel;

/** Creates the one {@link EmbeddingModel} that {@code kc.embedding.provider} names. */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	/** Remote adapters are closed with the context (their HTTP client), inferred from {@code close()}. */
	@Bean
	EmbeddingModel embeddingModel(EmbeddingSettings settings) {
		return switch (settings.provider()) {
			case ONNX -> {
				OnnxBgeSmallEmbeddingModel model = new OnnxBgeSmallEmbeddingModel(settings.batchSize());
				// in the background: start-up does not wait 1–3 s for it, and the first query rarely does
				model.preload();
				yield model;
			}
			case OPENAI -> new OpenAiCompatibleEmbeddingModel(settings.openai(), settings.batchSize(), settings.timeout());
			case OLLAMA -> new OllamaEmbeddingModel(settings.ollama(), settings.batchSize(), settings.timeout());
		};
	}
}
