package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of running a question set through the whole answer pipeline.
 *
 * @param questions how many were asked
 * @param retrievalHitRate share of questions with a relevant document among the answer's sources
 * @param retrievalMrr mean reciprocal rank of the first relevant source
 * @param answeredRate share of questions the answerer did not decline
 * @param citationPrecision share of citations whose quoted span supports the cited sentence
 * @param citedRelevantRate share of citations that point at a relevant document
 * @param unsupportedSentenceRate share of cited sentences with an unsupported citation
 * @param latencyP50Ms median answer latency
 * @param latencyP99Ms 99th percentile answer latency
 * @param meanInputTokens mean prompt tokens per answer
 * @param meanOutputTokens mean generated tokens per answer
 * @param totalCost cost of all answers
 * @param results one per question
 */
public record AnswerEvaluation(int questions, double retrievalHitRate, double retrievalMrr, double answeredRate,
		double citationPrecision, double citedRelevantRate, double unsupportedSentenceRate, long latencyP50Ms,
		long latencyP99Ms, double meanInputTokens, double meanOutputTokens, BigDecimal totalCost,
		List<Result> results) {

	/** A question with the documents that answer it and, optionally, a reference answer. */
	public record Question(String question, Set<UUID> relevantDocumentIds, @Nullable String referenceAnswer) {
	}

	/**
	 * @param firstRelevantSource 1-based rank of the first relevant source, or {@code null}
	 * @param referenceOverlap share of the reference answer's words found in the answer, when a
	 *     reference was given
	 */
	public record Result(String question, boolean answered, @Nullable Integer firstRelevantSource, int citations,
			int supportedCitations, long latencyMs, @Nullable Double referenceOverlap, String answer) {
	}
}
