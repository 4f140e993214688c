package io.knowledgecloud.identity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a workspace API key may do: read ⊂ write ⊂ admin. */
public enum ApiKeyScope {
	READ, WRITE, ADMIN;

	/** Lower-case in JSON: {@code "apikeyscope"}. */
	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static ApiKeyScope fromJson(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

	public boolean includes(ApiKeyScope other) {
		return ordinal() >= other.ordinal();
	}
}
