package io.knowledgecloud.embedding.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.knowledgecloud.embedding.spi.EmbeddingModel;
import io.knowledgecloud.platform.WarmUp;

/** Creates the one {@link EmbeddingModel} that {@code kc.embedding.provider} names. */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	/** Remote adapters are closed with the context (their HTTP client), inferred from {@code close()}. */
	@Bean
	EmbeddingModel embeddingModel(EmbeddingSettings settings) {
		return switch (settings.provider()) {
			case ONNX -> new OnnxBgeSmallEmbeddingModel(settings.threads());
			case OPENAI -> new OpenAiCompatibleEmbeddingModel(settings.openai(), settings.batchSize(), settings.timeout());
			case OLLAMA -> new OllamaEmbeddingModel(settings.ollama(), settings.batchSize(), settings.timeout());
		};
	}

	/**
	 * Loads the in-process model after the server is ready: readiness does not wait 1–3 s for it,
	 * and the first query rarely does.
	 */
	@Bean
	@Order(0)
	WarmUp embeddingModelWarmUp(EmbeddingModel model) {
		return new WarmUp() {
			@Override
			public String name() {
				return "embedding model " + model.id();
			}

			@Override
			public void run() {
				if (model instanceof OnnxBgeSmallEmbeddingModel onnx) {
					onnx.load();
				}
			}
		};
	}
}
