package io.knowledgecloud.search.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.search.SearchHit;
import io.knowledgecloud.search.SearchMode;
import io.knowledgecloud.search.SearchResults;
import io.knowledgecloud.search.SearchResults.FacetCount;

/** A page of search results as the API shows it (snippets, not whole chunks). */
record SearchResponse(List<Hit> items, @Nullable String nextCursor, int total, boolean totalCapped,
		Map<String, List<FacetCount>> facets, SearchMode mode, String generation, boolean cached) {

	record Hit(UUID chunkId, UUID documentId, String title, int version, @Nullable Integer page,
			List<String> headingPath, int startOffset, int endOffset, String snippet,
			List<SearchHit.Highlight> highlights, double score, int duplicates, List<String> tags,
			@Nullable String collection, String mediaType, Instant createdAt, SearchHit.@Nullable Explanation explain) {
	}

	static SearchResponse of(SearchResults r) {
		return new SearchResponse(r.hits()
			.stream()
			.map(h -> new Hit(h.chunkId(), h.documentId(), h.title(), h.version(), h.page(), h.headingPath(),
					h.startOffset(), h.endOffset(), h.snippet(), h.highlights(), h.score(), h.duplicates(), h.tags(),
					h.collection(), h.mediaType(), h.createdAt(), h.explain()))
			.toList(), r.nextCursor(), r.total(), r.totalCapped(), r.facets(), r.mode(), r.generation(), r.cached());
	}
}
