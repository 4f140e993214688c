package io.knowledgecloud.search.internal;

import java.util.List;

import io.knowledgecloud.search.spi.Reranker;

/** The default: keep the fused order. */
final class NoReranker implements Reranker {

	@Override
	public String id() {
		return "none";
	}

	@Override
	public List<Double> scores(String query, List<String> texts) {
		return List.of();
	}
}
