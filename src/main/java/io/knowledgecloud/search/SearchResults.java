package io.knowledgecloud.search;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A page of results.
 *
 * @param hits this page, best first
 * @param nextCursor the next page, or {@code null}
 * @param total hits after collapsing, among the candidates considered (a lower bound when
 *     {@code totalCapped})
 * @param totalCapped whether more chunks matched than were considered
 * @param facets counts of distinct documents by {@code tag}, {@code collection},
 *     {@code media_type} and {@code year}, over all candidates (not only this page); empty unless
 *     asked for
 * @param generation the index generation searched
 * @param cached whether the ranked list came from the query cache
 */
public record SearchResults(List<SearchHit> hits, @Nullable String nextCursor, int total, boolean totalCapped,
		Map<String, List<FacetCount>> facets, SearchMode mode, String generation, boolean cached) {

	/** One facet value and the number of distinct documents that have it. */
	public record FacetCount(String value, int count) {
	}
}
