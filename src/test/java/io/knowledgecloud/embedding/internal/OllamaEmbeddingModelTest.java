package io.knowledgecloud.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.knowledgecloud.embedding.EmbeddingFailed;
import io.knowledgecloud.embedding.internal.FakeProvider.Reply;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class OllamaEmbeddingModelTest extends RemoteEmbeddingModelContract {

	@Override
	RemoteEmbeddingModel create(URI baseUrl, @Nullable Integer dimension, int batchSize, Duration timeout) {
		return new OllamaEmbeddingModel(new EmbeddingSettings.Ollama(baseUrl, "nomic-embed-text", dimension, 512),
				batchSize, timeout);
	}

	@Override
	String path() {
		return "/api/embed";
	}

	@Override
	String answer(List<float[]> vectors) {
		ObjectNode root = FakeProvider.JSON.createObjectNode();
		root.put("model", "nomic-embed-text");
		ArrayNode embeddings = root.putArray("embeddings");
		for (float[] vector : vectors) {
			ArrayNode embedding = embeddings.addArray();
			for (float v : vector) {
				embedding.add(v);
			}
		}
		root.put("total_duration", 14143917);
		root.put("load_duration", 1019500);
		root.put("prompt_eval_count", 8);
		return root.toString();
	}

	@Test
	void sendsTheModelAndNoAuthorization() {
		provider.respond(answeringEachText());

		model().embedDocuments(List.of("a", "b"));

		assertThat(provider.requests()).singleElement().satisfies(request -> {
			assertThat(request.body().path("model").asString()).isEqualTo("nomic-embed-text");
			assertThat(request.input()).containsExactly("a", "b");
			assertThat(request.authorization()).isNull();
		});
	}

	@Test
	void anUnpulledModelIsNotRetryable() {
		provider.respond(request -> Reply.json(404,
				"{\"error\":\"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.getMessage()).contains("Ollama").contains("404");
	}

	@Test
	void theIdIsOllamaAndTheModel() {
		assertThat(model().id()).isEqualTo("ollama:nomic-embed-text");
		assertThat(model().maxTokens()).isEqualTo(512);
	}
}
