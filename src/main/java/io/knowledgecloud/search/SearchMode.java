package io.knowledgecloud.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a query is matched: by words (BM25), by meaning (vectors), or both fused. */
public enum SearchMode {
	KEYWORD, VECTOR, HYBRID;

	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static SearchMode fromJson(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}
}
