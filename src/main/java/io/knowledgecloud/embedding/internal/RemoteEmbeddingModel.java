package io.knowledgecloud.embedding.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.embedding.EmbeddingFailed;
import io.knowledgecloud.embedding.spi.EmbeddingModel;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP adapters share: batching, checking the answer's shape, the vector length
 * (configured, or learned from the first answer), L2 normalisation, and an approximate token count.
 */
abstract class RemoteEmbeddingModel implements EmbeddingModel, AutoCloseable {

	/** Text sent when {@link #dimension()} has to ask the provider. */
	static final String DIMENSION_PROBE = "dimension probe";

	private final String id;
	private final int maxTokens;
	private final int batchSize;
	private final @Nullable Integer configuredDimension;
	/** 0 until known. */
	private volatile int dimension;

	protected final JsonEndpoint endpoint;

	RemoteEmbeddingModel(String id, int maxTokens, int batchSize, @Nullable Integer dimension, JsonEndpoint endpoint) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		this.id = id;
		this.maxTokens = maxTokens;
		this.batchSize = batchSize;
		this.configuredDimension = dimension;
		this.dimension = dimension == null ? 0 : dimension;
		this.endpoint = endpoint;
	}

	/** {@code base} without trailing slashes, then {@code path}. */
	static URI resolve(URI base, String path) {
		String text = base.toString().replaceAll("/+$", "");
		return URI.create(text + path);
	}

	/** The raw vectors for one batch, in input order; the base class checks lengths and normalises. */
	abstract List<float[]> embedBatch(List<String> texts);

	@Override
	public String id() {
		return id;
	}

	/**
	 * The configured dimension; otherwise the one learned from the first answer, asking the
	 * provider with a one-word request if nothing has been embedded yet (so this may throw
	 * {@link EmbeddingFailed}).
	 */
	@Override
	public int dimension() {
		if (dimension == 0) {
			embedDocuments(List.of(DIMENSION_PROBE));
		}
		return dimension;
	}

	@Override
	public int maxTokens() {
		return maxTokens;
	}

	/**
	 * An estimate: one token per four code points, rounded up. That is OpenAI's rule of thumb for
	 * English with its BPE tokenizers; it undercounts code, numbers and non-Latin scripts, so keep
	 * chunk budgets well below {@link #maxTokens()}. Neither protocol offers a tokenize call, and
	 * the count must be deterministic, because chunk boundaries (and thus the embedding cache)
	 * depend on it.
	 */
	@Override
	public int countTokens(String text) {
		return (text.codePointCount(0, text.length()) + 3) / 4;
	}

	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += batchSize) {
			List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
			List<float[]> answer = embedBatch(batch);
			if (answer.size() != batch.size()) {
				throw endpoint.malformed("answered " + answer.size() + " vectors for " + batch.size() + " texts");
			}
			for (float[] vector : answer) {
				vectors.add(normalised(checkLength(vector)));
			}
		}
		return vectors;
	}

	/** Remote models get no instruction prefix: which one (if any) depends on the model served. */
	@Override
	public float[] embedQuery(String query) {
		return embedDocuments(List.of(query)).getFirst();
	}

	/** A JSON array of numbers as floats. */
	float[] vector(JsonNode node) {
		if (!node.isArray() || node.isEmpty()) {
			throw endpoint.malformed("answered an embedding that is not a non-empty array of numbers");
		}
		float[] vector = new float[node.size()];
		for (int i = 0; i < vector.length; i++) {
			JsonNode value = node.get(i);
			if (!value.isNumber()) {
				throw endpoint.malformed("answered an embedding that is not a non-empty array of numbers");
			}
			vector[i] = value.floatValue();
		}
		return vector;
	}

	private float[] checkLength(float[] vector) {
		int expected = dimension;
		if (expected == 0) {
			synchronized (this) {
				if (dimension == 0) {
					dimension = vector.length;
				}
				expected = dimension;
			}
		}
		if (vector.length != expected) {
			throw endpoint.malformed("answered a vector of length " + vector.length + ", expected " + expected
					+ (configuredDimension != null ? " (kc.embedding dimension setting)" : ""));
		}
		return vector;
	}

	/** Unit length, so a dot product is the cosine whichever provider made the vector. */
	static float[] normalised(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += (double) v * v;
		}
		if (sum == 0) {
			return vector;
		}
		float scale = (float) (1 / Math.sqrt(sum));
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	@Override
	public void close() {
		endpoint.close();
	}
}
