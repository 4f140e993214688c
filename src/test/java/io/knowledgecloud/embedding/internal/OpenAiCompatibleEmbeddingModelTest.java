package io.knowledgecloud.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.knowledgecloud.embedding.EmbeddingFailed;
import io.knowledgecloud.embedding.internal.FakeProvider.Reply;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiCompatibleEmbeddingModelTest extends RemoteEmbeddingModelContract {

	@Override
	RemoteEmbeddingModel create(URI baseUrl, @Nullable Integer dimension, int batchSize, Duration timeout) {
		return new OpenAiCompatibleEmbeddingModel(settings(baseUrl, "sk-test", dimension, null), batchSize, timeout);
	}

	OpenAiCompatibleEmbeddingModel model(EmbeddingSettings.OpenAi settings) {
		return track(new OpenAiCompatibleEmbeddingModel(settings, 32, TIMEOUT));
	}

	static EmbeddingSettings.OpenAi settings(URI baseUrl, @Nullable String apiKey, @Nullable Integer dimension,
			@Nullable String id) {
		return new EmbeddingSettings.OpenAi(baseUrl, apiKey, "text-embedding-3-small", dimension, 8191, id);
	}

	@Override
	String path() {
		return "/v1/embeddings";
	}

	@Override
	String answer(List<float[]> vectors) {
		return answer(vectors, IntStream.range(0, vectors.size()).boxed().toList());
	}

	/** {@code data[k]} carries {@code vectors[order[k]]} with {@code index = order[k]}. */
	static String answer(List<float[]> vectors, List<Integer> order) {
		ObjectNode root = FakeProvider.JSON.createObjectNode();
		root.put("object", "list");
		ArrayNode data = root.putArray("data");
		for (int index : order) {
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", index);
			ArrayNode embedding = item.putArray("embedding");
			for (float v : vectors.get(index)) {
				embedding.add(v);
			}
		}
		root.put("model", "text-embedding-3-small");
		root.putObject("usage").put("prompt_tokens", 5).put("total_tokens", 5);
		return root.toString();
	}

	@Test
	void putsDataBackInInputOrderByIndex() {
		List<String> texts = List.of("a", "bb", "ccc", "dddd");
		provider.respond(request -> Reply.json(200,
				answer(request.input().stream().map(RemoteEmbeddingModelContract::vectorOf).toList(), List.of(2, 0, 3, 1))));

		List<float[]> vectors = model().embedDocuments(texts);

		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i)).as(texts.get(i)).containsExactly(unit(vectorOf(texts.get(i))), within(1e-6f));
		}
	}

	@Test
	void sendsTheModelAndTheApiKeyAsBearerToken() {
		provider.respond(answeringEachText());

		model().embedDocuments(List.of("a"));

		assertThat(provider.requests()).singleElement().satisfies(request -> {
			assertThat(request.authorization()).isEqualTo("Bearer sk-test");
			assertThat(request.body().path("model").asString()).isEqualTo("text-embedding-3-small");
			assertThat(request.body().path("input").isArray()).isTrue();
		});
	}

	@Test
	void withoutAnApiKeySendsNoAuthorization() {
		provider.respond(answeringEachText());

		model(settings(provider.baseUrl(), " ", null, null)).embedDocuments(List.of("a"));

		assertThat(provider.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
	}

	@Test
	void aBaseUrlThatEndsInV1IsNotDoubled() {
		assertThat(OpenAiCompatibleEmbeddingModel.embeddingsUri(URI.create("http://h:1/v1/")))
			.isEqualTo(URI.create("http://h:1/v1/embeddings"));
		assertThat(OpenAiCompatibleEmbeddingModel.embeddingsUri(URI.create("http://h:1/proxy/")))
			.isEqualTo(URI.create("http://h:1/proxy/v1/embeddings"));
	}

	@Test
	void repeatedOrOutOfRangeIndexesAreProviderErrors() {
		List<float[]> two = List.of(new float[] { 1, 0, 0 }, new float[] { 0, 1, 0 });
		for (List<Integer> order : List.of(List.of(0, 0), List.of(0, 2))) {
			provider.respond(request -> Reply.json(200, answer(padded(two, 3), order)));

			EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a", "b")));

			assertThat(failed.code()).as("order %s", order).isEqualTo("embedding_provider_error");
			assertThat(failed.getMessage()).contains("index");
		}
	}

	@Test
	void aNonNumericEmbeddingIsAProviderError() {
		provider.respond(request -> Reply.json(200, "{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
	}

	@Test
	void theIdIsOpenaiAndTheModelUnlessConfigured() {
		assertThat(model().id()).isEqualTo("openai:text-embedding-3-small");
		assertThat(model(settings(provider.baseUrl(), null, null, "corp-gateway:e5-large")).id())
			.isEqualTo("corp-gateway:e5-large");
		assertThat(model().maxTokens()).isEqualTo(8191);
	}

	private static List<float[]> padded(List<float[]> vectors, int size) {
		List<float[]> padded = new ArrayList<>(vectors);
		while (padded.size() < size) {
			padded.add(new float[] { 0, 0, 1 });
		}
		return padded;
	}
}
