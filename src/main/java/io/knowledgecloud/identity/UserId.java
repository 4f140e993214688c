package io.knowledgecloud.identity;

import java.util.UUID;

/** Identifies a user across modules. */
public record UserId(UUID value) {

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
