package io.knowledgecloud.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How hits are folded together: {@code duplicates} (default) folds chunks with the same or nearly
 * the same text (SimHash) into the best one and counts them; {@code document} keeps the best
 * chunk of each document; {@code none} keeps every chunk.
 */
public enum Collapse {
	DUPLICATES, DOCUMENT, NONE;

	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Collapse fromJson(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}
}
