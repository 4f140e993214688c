package io.knowledgecloud.agent.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.document.DocumentId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads tool arguments; anything missing or mistyped is a {@link ToolFailure} the model can fix. */
final class Args {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Args() {
	}

	static String text(JsonNode args, String name) throws ToolFailure {
		String value = optionalText(args, name);
		if (value == null || value.isBlank()) {
			throw new ToolFailure("invalid_arguments", "'" + name + "' is required and must be a non-empty string");
		}
		return value;
	}

	static @Nullable String optionalText(JsonNode args, String name) throws ToolFailure {
		JsonNode node = args.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new ToolFailure("invalid_arguments", "'" + name + "' must be a string");
		}
		return node.asString();
	}

	static int integer(JsonNode args, String name, int fallback, int min, int max) throws ToolFailure {
		JsonNode node = args.get(name);
		if (node == null || node.isNull()) {
			return fallback;
		}
		if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
			throw new ToolFailure("invalid_arguments", "'" + name + "' must be an integer from " + min + " to " + max);
		}
		return node.asInt();
	}

	static DocumentId document(JsonNode args, String name) throws ToolFailure {
		String value = text(args, name);
		try {
			return new DocumentId(UUID.fromString(value.strip()));
		}
		catch (IllegalArgumentException e) {
			throw new ToolFailure("invalid_arguments", "'" + name + "' must be a document id (UUID), was: "
					+ RunStore.cut(value, 80));
		}
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}
}
