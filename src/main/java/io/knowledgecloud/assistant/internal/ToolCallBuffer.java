package io.knowledgecloud.assistant.internal;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.assistant.spi.ToolCall;

/**
 * Tool calls assembled from streamed fragments: the first fragment of a call (by index) brings
 * its id and name, later ones pieces of the arguments' JSON text.
 */
final class ToolCallBuffer {

	private static final class Part {
		@Nullable String id;
		@Nullable String name;
		final StringBuilder arguments = new StringBuilder();
	}

	private final SortedMap<Integer, Part> parts = new TreeMap<>();

	void start(int index, @Nullable String id, @Nullable String name) {
		Part part = parts.computeIfAbsent(index, i -> new Part());
		if (part.id == null && id != null && !id.isEmpty()) {
			part.id = id;
		}
		if (part.name == null && name != null && !name.isEmpty()) {
			part.name = name;
		}
	}

	void arguments(int index, String fragment) {
		parts.computeIfAbsent(index, i -> new Part()).arguments.append(fragment);
	}

	/** Only started parts are calls; arguments never sent are an empty object. */
	List<ToolCall> calls() {
		return parts.entrySet()
			.stream()
			.filter(e -> e.getValue().name != null)
			.map(e -> {
				Part p = e.getValue();
				String args = p.arguments.toString().isBlank() ? "{}" : p.arguments.toString();
				return new ToolCall(p.id != null ? p.id : "call_" + e.getKey(), p.name, args);
			})
			.toList();
	}
}
