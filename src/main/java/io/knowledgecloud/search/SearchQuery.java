package io.knowledgecloud.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A search request.
 *
 * @param text the query; plain words unless {@code advanced}
 * @param mode keyword, vector or hybrid
 * @param limit page size
 * @param cursor where the previous page ended, or {@code null}
 * @param tags any of these tags
 * @param collections any of these collections
 * @param mediaTypes any of these media types
 * @param from documents created at or after
 * @param to documents created before
 * @param documents only within these documents
 * @param collapse how duplicates fold
 * @param advanced parse {@code text} as simple query syntax (validated)
 * @param explain add per-mode ranks and scores to each hit
 * @param facets compute facet counts
 * @param snippets build each hit's snippet and highlights; callers that read only the whole chunk
 * text (the assistant) say {@code false} and get an empty snippet, which saves a pass over every hit
 */
public record SearchQuery(String text, SearchMode mode, @Nullable Integer limit, @Nullable String cursor,
		List<String> tags, List<String> collections, List<String> mediaTypes, @Nullable Instant from,
		@Nullable Instant to, Set<UUID> documents, Collapse collapse, boolean advanced, boolean explain,
		boolean facets, boolean snippets) {

	public SearchQuery {
		tags = List.copyOf(tags);
		collections = List.copyOf(collections);
		mediaTypes = List.copyOf(mediaTypes);
		documents = Set.copyOf(documents);
	}

	/** A plain hybrid query with defaults for everything else. */
	public static SearchQuery of(String text, int limit) {
		return new SearchQuery(text, SearchMode.HYBRID, limit, null, List.of(), List.of(), List.of(), null, null,
				Set.of(), Collapse.DUPLICATES, false, false, false, true);
	}
}
