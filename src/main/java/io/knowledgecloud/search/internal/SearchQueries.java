package io.knowledgecloud.search.internal;

import org.springframework.stereotype.Component;

import io.knowledgecloud.search.internal.SearchProblems.InvalidQuery;

/** Checks query text before it reaches the engine. */
@Component
public class SearchQueries {

	private final SearchSettings settings;

	SearchQueries(SearchSettings settings) {
		this.settings = settings;
	}

	/** The stripped text, or a problem: empty, too long, control characters, or broken syntax. */
	public String validate(String text, boolean advanced) {
		String stripped = text == null ? "" : text.strip();
		if (stripped.isEmpty()) {
			throw new InvalidQuery("query_required", "The query 'q' must not be empty.");
		}
		if (stripped.length() > settings.maxQueryLength()) {
			throw new InvalidQuery("query_too_long",
					"The query has " + stripped.length() + " characters; at most " + settings.maxQueryLength()
							+ " are allowed (kc.search.max-query-length).");
		}
		if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
			throw new InvalidQuery("invalid_query", "The query contains control characters.");
		}
		if (advanced) {
			String problem = AdvancedSyntax.problem(stripped);
			if (problem != null) {
				throw new InvalidQuery("invalid_query_syntax", "Advanced query syntax: " + problem + ".");
			}
		}
		return stripped;
	}
}
