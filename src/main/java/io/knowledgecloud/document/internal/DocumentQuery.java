package io.knowledgecloud.document.internal;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.platform.KnowledgeCloudException;

/** Filters and order of a document list; null means "any". */
public record DocumentQuery(@Nullable DocumentStatus status, @Nullable String tag, @Nullable String collection,
		@Nullable String mediaType, @Nullable Instant createdFrom, @Nullable Instant createdTo,
		@Nullable String titleContains, Sort sort) {

	/** Supported orders; all are keyset-paginated with the id as tie-breaker. */
	public enum Sort {
		NEWEST("created_at", true), OLDEST("created_at", false), TITLE("title", false), TITLE_DESC("title", true);

		final String column;
		final boolean descending;

		Sort(String column, boolean descending) {
			this.column = column;
			this.descending = descending;
		}
	}

	public static DocumentQuery filter(@Nullable DocumentStatus status, @Nullable String tag,
			@Nullable String collection, @Nullable String mediaType, @Nullable Instant from, @Nullable Instant to,
			@Nullable String titleContains, String sort) {
		Sort order = switch (sort.strip().toLowerCase(Locale.ROOT)) {
			case "-created_at" -> Sort.NEWEST;
			case "created_at" -> Sort.OLDEST;
			case "title" -> Sort.TITLE;
			case "-title" -> Sort.TITLE_DESC;
			default -> throw new InvalidSort(sort);
		};
		if (titleContains != null && titleContains.length() > 200) {
			throw new InvalidSort("q longer than 200 characters");
		}
		return new DocumentQuery(status, blankToNull(tag), blankToNull(collection), blankToNull(mediaType), from, to,
				blankToNull(titleContains), order);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** An unsupported {@code sort} value. */
	static final class InvalidSort extends KnowledgeCloudException {
		InvalidSort(String sort) {
			super(HttpStatus.BAD_REQUEST, "invalid_parameter",
					"Unsupported sort '" + sort + "'; use -created_at, created_at, title or -title.");
		}
	}
}
