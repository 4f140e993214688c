package io.knowledgecloud.search.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.search.Collapse;
import io.knowledgecloud.search.SearchMode;
import io.knowledgecloud.search.SearchQuery;
import io.knowledgecloud.search.internal.SearchProblems.InvalidQuery;

/** The POST form of a search, for long queries and many filters. */
record SearchRequest(@NotNull String q, @Nullable String mode, @Nullable Integer limit, @Nullable String cursor,
		@Nullable @Size(max = 100) List<String> tags, @Nullable @Size(max = 100) List<String> collections,
		@Nullable @Size(max = 50) List<String> types, @Nullable Instant from, @Nullable Instant to,
		@Nullable @Size(max = 1000) List<UUID> documents, @Nullable String collapse, @Nullable Boolean advanced,
		@Nullable Boolean explain, @Nullable Boolean facets) {

	SearchQuery toQuery() {
		return new SearchQuery(q, mode(mode), limit, cursor, orEmpty(tags), orEmpty(collections), orEmpty(types), from,
				to, documents == null ? Set.of() : Set.copyOf(documents), collapse(collapse),
				Boolean.TRUE.equals(advanced), Boolean.TRUE.equals(explain), Boolean.TRUE.equals(facets), true);
	}

	static SearchMode mode(@Nullable String mode) {
		if (mode == null || mode.isBlank()) {
			return SearchMode.HYBRID;
		}
		try {
			return SearchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidQuery("invalid_mode", "mode must be keyword, vector or hybrid, was '" + clip(mode) + "'.");
		}
	}

	static Collapse collapse(@Nullable String collapse) {
		if (collapse == null || collapse.isBlank()) {
			return Collapse.DUPLICATES;
		}
		try {
			return Collapse.valueOf(collapse.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidQuery("invalid_collapse",
					"collapse must be duplicates, document or none, was '" + clip(collapse) + "'.");
		}
	}

	static <T> List<T> orEmpty(@Nullable List<T> values) {
		return values == null ? List.of() : values.stream().filter(v -> v != null && !v.toString().isBlank()).toList();
	}

	private static String clip(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}
}
