package io.knowledgecloud.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import io.knowledgecloud.embedding.EmbeddingFailed;
import io.knowledgecloud.embedding.internal.FakeProvider.Reply;
import io.knowledgecloud.embedding.internal.FakeProvider.Responder;

/**
 * What every HTTP embedding adapter must do, run against a local server speaking its protocol:
 * vectors in input order and of unit length, batching, the vector length, and how each kind of
 * failure maps to {@link EmbeddingFailed}.
 */
abstract class RemoteEmbeddingModelContract {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	FakeProvider provider;
	private final List<RemoteEmbeddingModel> created = new ArrayList<>();

	@BeforeEach
	void startProvider() throws IOException {
		provider = new FakeProvider();
	}

	@AfterEach
	void stopProvider() {
		created.forEach(RemoteEmbeddingModel::close);
		provider.close();
	}

	/** The adapter under test, pointed at {@code baseUrl}. */
	abstract RemoteEmbeddingModel create(URI baseUrl, @Nullable Integer dimension, int batchSize, Duration timeout);

	/** Closed after the test. */
	<M extends RemoteEmbeddingModel> M track(M model) {
		created.add(model);
		return model;
	}

	RemoteEmbeddingModel model(URI baseUrl, @Nullable Integer dimension, int batchSize, Duration timeout) {
		return track(create(baseUrl, dimension, batchSize, timeout));
	}

	/** Where the adapter POSTs. */
	abstract String path();

	/** A successful answer that carries {@code vectors}, in input order, in the protocol's shape. */
	abstract String answer(List<float[]> vectors);

	RemoteEmbeddingModel model() {
		return model(provider.baseUrl(), null, 32, TIMEOUT);
	}

	/** Answers each input text with {@link #vectorOf(String)}. */
	Responder answeringEachText() {
		return request -> Reply.json(200, answer(request.input().stream().map(RemoteEmbeddingModelContract::vectorOf).toList()));
	}

	/** A distinct, not normalised vector per text length: {@code [length, 1, 0]}. */
	static float[] vectorOf(String text) {
		return new float[] { text.length(), 1, 0 };
	}

	static float[] unit(float[] v) {
		double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
		return new float[] { (float) (v[0] / norm), (float) (v[1] / norm), (float) (v[2] / norm) };
	}

	static EmbeddingFailed failure(Runnable call) {
		EmbeddingFailed failed = catchThrowableOfType(EmbeddingFailed.class, call::run);
		assertThat(failed).as("EmbeddingFailed thrown").isNotNull();
		return failed;
	}

	@Test
	void embedsPassagesInInputOrderAsUnitVectors() {
		provider.respond(answeringEachText());
		List<String> texts = List.of("a", "bbb", "cc");

		List<float[]> vectors = model().embedDocuments(texts);

		assertThat(vectors).hasSize(3);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i)).as(texts.get(i)).containsExactly(unit(vectorOf(texts.get(i))), within(1e-6f));
		}
		assertThat(provider.requests()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo(path());
			assertThat(request.input()).isEqualTo(texts);
		});
	}

	@Test
	void sendsAQueryUnchangedAsOneInput() {
		provider.respond(answeringEachText());

		float[] vector = model().embedQuery("what is a query");

		assertThat(vector).containsExactly(unit(vectorOf("what is a query")), within(1e-6f));
		assertThat(provider.requests()).singleElement()
			.satisfies(request -> assertThat(request.input()).containsExactly("what is a query"));
	}

	@Test
	void splitsLargeInputsIntoBatchesAndKeepsTheOrder() {
		provider.respond(answeringEachText());
		List<String> texts = List.of("a", "bb", "ccc", "dddd", "eeeee");

		List<float[]> vectors = model(provider.baseUrl(), null, 2, TIMEOUT).embedDocuments(texts);

		assertThat(provider.requests()).extracting(r -> r.input().size()).containsExactly(2, 2, 1);
		for (int i = 0; i < texts.size(); i++) {
			assertThat(vectors.get(i)).containsExactly(unit(vectorOf(texts.get(i))), within(1e-6f));
		}
	}

	@Test
	void noTextsNoRequest() {
		assertThat(model().embedDocuments(List.of())).isEmpty();
		assertThat(provider.requests()).isEmpty();
	}

	@Test
	void learnsTheDimensionFromTheFirstAnswerAsksOnlyOnce() {
		provider.respond(answeringEachText());
		RemoteEmbeddingModel model = model();

		assertThat(model.dimension()).isEqualTo(3);
		assertThat(model.dimension()).isEqualTo(3);

		assertThat(provider.requests()).singleElement()
			.satisfies(request -> assertThat(request.input()).containsExactly(RemoteEmbeddingModel.DIMENSION_PROBE));
	}

	@Test
	void aConfiguredDimensionNeedsNoRequest() {
		assertThat(model(provider.baseUrl(), 3, 32, TIMEOUT).dimension()).isEqualTo(3);
		assertThat(provider.requests()).isEmpty();
	}

	@Test
	void aVectorOfAnotherLengthIsAProviderError() {
		provider.respond(answeringEachText());

		EmbeddingFailed failed = failure(() -> model(provider.baseUrl(), 4, 32, TIMEOUT).embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.getMessage()).contains("length 3, expected 4");
	}

	@Test
	void vectorsOfDifferentLengthsAcrossAnswersAreAProviderError() {
		RemoteEmbeddingModel model = model();
		provider.respond(answeringEachText());
		model.embedDocuments(List.of("a"));
		provider.respond(request -> Reply.json(200, answer(List.of(new float[] { 1, 0 }))));

		EmbeddingFailed failed = failure(() -> model.embedDocuments(List.of("b")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
	}

	@Test
	void fewerVectorsThanTextsIsAProviderError() {
		provider.respond(request -> Reply.json(200, answer(List.of(new float[] { 1, 0, 0 }))));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a", "b")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
	}

	@Test
	void tooManyRequestsIsRetryableAndPassesRetryAfterOn() {
		provider.respond(request -> Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}")
			.withHeader("Retry-After", "7"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_unavailable");
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(failed.properties()).containsEntry("retry_after", 7L);
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 500, 502, 503, 504 })
	void serverErrorsAndRequestTimeoutsAreRetryable(int status) {
		provider.respond(request -> Reply.json(status, "{\"error\":\"overloaded\"}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_unavailable");
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.retryAfter()).isNull();
		assertThat(failed.properties()).isEmpty();
		assertThat(failed.getMessage()).contains("HTTP " + status);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void clientErrorsAreNotRetryable(int status) {
		provider.respond(request -> Reply.json(status, "{\"error\":{\"message\":\"bad input\"}}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failed.getMessage()).contains("HTTP " + status);
	}

	@Test
	void theProvidersErrorTextIsNotPutInTheDetail() {
		provider.respond(request -> Reply.json(401,
				"{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-SECRET123\"}}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.getMessage()).doesNotContain("SECRET123").doesNotContain("Incorrect API key");
	}

	@Test
	void malformedJsonIsAProviderError() {
		provider.respond(request -> Reply.json(200, "{\"data\": [ {\"index\": 0, \"embedding\": [0.1,"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.getMessage()).contains("malformed JSON");
	}

	@Test
	void jsonOfAnotherShapeIsAProviderError() {
		provider.respond(request -> Reply.json(200, "{\"object\":\"list\"}"));

		EmbeddingFailed failed = failure(() -> model().embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_error");
		assertThat(failed.retryable()).isFalse();
	}

	@Test
	void noAnswerInTimeIsRetryable() {
		provider.respond(request -> Reply.json(200, answer(List.of(new float[] { 1, 0, 0 })))
			.after(Duration.ofSeconds(3)));
		RemoteEmbeddingModel model = model(provider.baseUrl(), null, 32, Duration.ofMillis(300));

		long started = System.nanoTime();
		EmbeddingFailed failed = failure(() -> model.embedDocuments(List.of("a")));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(failed.code()).isEqualTo("embedding_provider_unavailable");
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("did not answer within 300 ms");
	}

	@Test
	void anUnreachableProviderIsRetryable() throws IOException {
		URI closed;
		try (FakeProvider gone = new FakeProvider()) {
			closed = gone.baseUrl();
		}

		EmbeddingFailed failed = failure(() -> model(closed, null, 32, TIMEOUT).embedDocuments(List.of("a")));

		assertThat(failed.code()).isEqualTo("embedding_provider_unavailable");
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.getMessage()).contains("could not be reached");
	}

	@Test
	void countsAboutFourCodePointsPerToken() {
		RemoteEmbeddingModel model = model();

		assertThat(model.countTokens("")).isZero();
		assertThat(model.countTokens("abcd")).isEqualTo(1);
		assertThat(model.countTokens("abcde")).isEqualTo(2);
		assertThat(model.countTokens("\uD83D\uDE00".repeat(4))).as("four emoji, eight chars").isEqualTo(1);
		assertThat(provider.requests()).isEmpty();
	}
}
