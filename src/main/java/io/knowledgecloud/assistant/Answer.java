package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An answer built from the workspace's documents.
 *
 * @param text the answer with {@code [n]} markers (markers to sources that were not supplied are removed)
 * @param citations one per marker occurrence, checked against its source
 * @param sources the passages the answer could cite, numbered as the markers
 * @param answered {@code false} when the documents do not answer the question
 * @param degraded the configured provider failed and the extractive answerer stepped in
 * @param unsupportedSentences cited sentences whose support is below the threshold
 * @param standaloneQuestion the question as searched (after folding in the conversation)
 * @param conversationId the conversation the exchange was stored in, if any
 * @param tier {@code small} or {@code large} when model tiering chose the model, else {@code default}
 * @param cached the answer of a nearly identical earlier question was reused (semantic cache)
 * @param degradedReason why the answer is degraded ({@code provider_failed}, {@code budget_exceeded}), if it is
 */
public record Answer(String text, List<Citation> citations, List<Source> sources, boolean answered, boolean degraded,
		int unsupportedSentences, String provider, String model, Usage usage, String standaloneQuestion,
		@Nullable UUID conversationId, long latencyMs, String tier, boolean cached, @Nullable String degradedReason) {

	/** The same answer, marked as served from the semantic cache for another question. */
	public Answer fromCache(String question, long latency) {
		return new Answer(text, citations, sources, answered, degraded, unsupportedSentences, provider, model,
				new Usage(0, 0, true, java.math.BigDecimal.ZERO), question, null, latency, tier, true, degradedReason);
	}

	/** A numbered passage given to the model. */
	public record Source(int number, UUID documentId, int version, String title, @Nullable Integer page, UUID chunkId,
			double score) {
	}

	/** Tokens and cost of the request. */
	public record Usage(int inputTokens, int outputTokens, boolean estimated, BigDecimal cost) {
	}
}
