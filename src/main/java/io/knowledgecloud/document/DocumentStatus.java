package io.knowledgecloud.document;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a document is in its life: uploaded, being ingested, searchable, failed or deleted. */
public enum DocumentStatus {
	PENDING, PROCESSING, INDEXED, FAILED, DELETED;

	@JsonValue
	public String json() {
		return name();
	}

	@JsonCreator
	public static DocumentStatus fromJson(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}
}
