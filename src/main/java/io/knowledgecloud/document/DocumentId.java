package io.knowledgecloud.document;

import java.util.UUID;

/** Identifies a document across modules. */
public record DocumentId(UUID value) {

	@Override
	public String toString() {
		return value.toString();
	}
}
