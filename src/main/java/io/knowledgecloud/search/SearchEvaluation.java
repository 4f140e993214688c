package io.knowledgecloud.search;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of running a question set against a workspace: quality of each mode and of each
 * fusion setting tried, and the best fusion setting (by nDCG@10, then MRR@10).
 *
 * @param questions how many questions were asked
 * @param variants every mode and fusion setting tried, best hybrid first
 * @param best the fusion setting with the highest nDCG@10
 * @param applied whether {@code best} became the workspace's setting
 */
public record SearchEvaluation(int questions, List<Variant> variants, SearchTuning best, boolean applied) {

	/** A question and the documents that answer it. */
	public record Question(String query, Set<UUID> relevantDocumentIds) {
	}

	/**
	 * Quality of one way of searching, at the document level.
	 *
	 * @param mode keyword, vector or hybrid
	 * @param tuning the fusion setting, for hybrid
	 */
	public record Variant(SearchMode mode, @Nullable SearchTuning tuning, double ndcgAt10, double recallAt100,
			double mrrAt10) {
	}
}
