package io.knowledgecloud.workspace;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.knowledgecloud.identity.ApiKeyScope;

/** A member's role in a workspace, from least to most powerful. */
public enum Role {
	VIEWER, EDITOR, ADMIN, OWNER;

	/** Lower-case in JSON: {@code "role"}. */
	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Role fromJson(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

	public boolean atLeast(Role other) {
		return ordinal() >= other.ordinal();
	}

	/** The most an API key of this scope may do: read = viewer, write = editor, admin = admin. */
	public static Role ceilingOf(ApiKeyScope scope) {
		return switch (scope) {
			case READ -> VIEWER;
			case WRITE -> EDITOR;
			case ADMIN -> ADMIN;
		};
	}

	public static Role min(Role a, Role b) {
		return a.ordinal() <= b.ordinal() ? a : b;
	}
}
