package io.knowledgecloud.embedding;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import io.knowledgecloud.embedding.spi.EmbeddingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns text into vectors with the configured model ({@code kc.embedding.provider}). Ingest,
 * search and the assistant use this, never an adapter, so every call is timed
 * ({@code embedding.documents}, {@code embedding.query}, tagged with the model and the outcome).
 * Vectors have unit length; store {@link #modelId()} with them.
 * <p>
 * Remote providers fail with {@link EmbeddingFailed}; see {@link EmbeddingFailed#retryable()}.
 */
@Service
public class Embeddings {

	private final EmbeddingModel model;
	private final MeterRegistry registry;
	private final Counter texts;

	Embeddings(EmbeddingModel model, MeterRegistry registry) {
		this.model = model;
		this.registry = registry;
		this.texts = Counter.builder("embedding.texts")
			.description("Passages embedded")
			.tag("model", model.id())
			.register(registry);
	}

	/** Stable id of the model; vectors of different ids must never be compared. */
	public String modelId() {
		return model.id();
	}

	/** Vector length. For a remote provider without a configured dimension, the first call may ask it. */
	public int dimension() {
		return model.dimension();
	}

	/** The longest passage, in {@link #countTokens(String)} tokens, that is embedded whole. */
	public int maxTokens() {
		return model.maxTokens();
	}

	/** Tokens as the model counts them (exact for the in-process model, estimated for remote ones). */
	public int countTokens(String text) {
		return model.countTokens(text);
	}

	/**
	 * One vector per passage, in order.
	 * @throws IllegalArgumentException if a text is blank (no model embeds nothing meaningfully)
	 */
	public List<float[]> embedDocuments(List<String> passages) {
		if (passages.isEmpty()) {
			return List.of();
		}
		passages.forEach(Embeddings::requireText);
		List<float[]> vectors = timed("embedding.documents", () -> model.embedDocuments(passages));
		texts.increment(passages.size());
		return vectors;
	}

	/**
	 * The vector of a search query, with the model's query instruction if it has one.
	 * @throws IllegalArgumentException if the query is blank
	 */
	public float[] embedQuery(String query) {
		requireText(query);
		return timed("embedding.query", () -> model.embedQuery(query));
	}

	private <T> T timed(String name, Supplier<T> call) {
		Timer.Sample sample = Timer.start(registry);
		String outcome = "failure";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		finally {
			sample.stop(Timer.builder(name).tag("model", model.id()).tag("outcome", outcome).register(registry));
		}
	}

	private static void requireText(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("Cannot embed a blank text");
		}
	}
}
