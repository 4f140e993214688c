package io.knowledgecloud.search;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A query vector the caller already has, or has started to compute (the assistant embeds the
 * question for its semantic cache, or as soon as the question is admitted), so search need not
 * embed the same text again. Search uses it only for the same text and model, and waits for it
 * only when it needs the vector: a keyword search runs meanwhile.
 *
 * @param text the exact text that was embedded
 * @param modelId the embedding model that made it
 * @param vector the vector, complete or still being computed
 */
public record QueryVector(String text, String modelId, CompletableFuture<float[]> vector) {

	/** A vector computed already. */
	public static QueryVector of(String text, String modelId, float[] values) {
		return new QueryVector(text, modelId, CompletableFuture.completedFuture(values));
	}

	/**
	 * The vector, waiting for it if it is still being computed. A failure surfaces as itself (for
	 * example {@code EmbeddingFailed}), not wrapped.
	 */
	public float[] values() {
		try {
			return vector.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw e;
		}
	}
}
