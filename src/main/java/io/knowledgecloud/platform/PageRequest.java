package io.knowledgecloud.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A decoded page request: the keyset position after which to continue (empty for the first
 * page) and a bounded limit. Repositories fetch {@code limit + 1} rows to know whether a next
 * page exists and hand them to {@link Cursors#page}.
 */
public record PageRequest(List<String> after, int limit) {

	public boolean first() {
		return after.isEmpty();
	}

	public @Nullable String after(int index) {
		return after.size() > index ? after.get(index) : null;
	}
}
