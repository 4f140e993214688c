package io.knowledgecloud.search.spi;

import java.util.List;

/**
 * Re-scores the best fused candidates with a stronger model (a cross-encoder service). Adapters:
 * {@code none} (keeps the fused order) and {@code http} (Cohere/Jina/TEI-style {@code /rerank}).
 */
public interface Reranker {

	/** Stable adapter id. */
	String id();

	/**
	 * One relevance score per text, in input order (higher = more relevant), or an empty list to
	 * keep the fused order.
	 */
	List<Double> scores(String query, List<String> texts);
}
