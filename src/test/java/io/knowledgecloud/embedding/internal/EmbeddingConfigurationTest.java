package io.knowledgecloud.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import io.knowledgecloud.embedding.spi.EmbeddingModel;

/** Binds {@code kc.embedding.*} as Spring Boot does (without a context) and checks which adapter it picks. */
class EmbeddingConfigurationTest {

	@Test
	void defaultsToTheInProcessModel() {
		EmbeddingSettings settings = bind(Map.of());

		assertThat(settings.provider()).isEqualTo(EmbeddingSettings.Provider.ONNX);
		assertThat(settings.batchSize()).isEqualTo(32);
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.openai().baseUrl()).isEqualTo(URI.create("https://api.openai.com"));
		assertThat(settings.openai().maxTokens()).isEqualTo(8191);
		assertThat(settings.ollama().baseUrl()).isEqualTo(URI.create("http://localhost:11434"));
		assertThat(new EmbeddingConfiguration().embeddingModel(settings)).isInstanceOf(OnnxBgeSmallEmbeddingModel.class);
	}

	@Test
	void picksTheOpenAiCompatibleAdapter() throws Exception {
		EmbeddingSettings settings = bind(Map.of("kc.embedding.provider", "openai", "kc.embedding.openai.model",
				"text-embedding-3-large", "kc.embedding.openai.dimension", "3072", "kc.embedding.openai.api-key", "sk-x"));

		EmbeddingModel model = new EmbeddingConfiguration().embeddingModel(settings);

		assertThat(model).isInstanceOf(OpenAiCompatibleEmbeddingModel.class);
		assertThat(model.id()).isEqualTo("openai:text-embedding-3-large");
		assertThat(model.dimension()).isEqualTo(3072);
		((AutoCloseable) model).close();
	}

	@Test
	void picksTheOllamaAdapter() throws Exception {
		EmbeddingSettings settings = bind(Map.of("kc.embedding.provider", "OLLAMA", "kc.embedding.ollama.model",
				"mxbai-embed-large", "kc.embedding.ollama.dimension", "1024"));

		EmbeddingModel model = new EmbeddingConfiguration().embeddingModel(settings);

		assertThat(model).isInstanceOf(OllamaEmbeddingModel.class);
		assertThat(model.id()).isEqualTo("ollama:mxbai-embed-large");
		assertThat(model.dimension()).isEqualTo(1024);
		((AutoCloseable) model).close();
	}

	@Test
	void refusesInvalidValues() {
		assertThatThrownBy(() -> bind(Map.of("kc.embedding.batch-size", "0"))).isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("batchSize")
			.hasMessageContaining("greater than or equal to 1");
		assertThatThrownBy(() -> bind(Map.of("kc.embedding.openai.dimension", "-1"))).isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("openai.dimension");
		assertThatThrownBy(() -> bind(Map.of("kc.embedding.provider", "onnxx"))).isInstanceOf(BindException.class)
			.hasMessageContaining("kc.embedding.provider");
	}

	static EmbeddingSettings bind(Map<String, String> properties) {
		var validator = new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("kc.embedding", Bindable.of(EmbeddingSettings.class), new ValidationBindHandler(validator));
	}
}
