package io.knowledgecloud.platform;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paginated list; {@code next_cursor} is absent on the last page.
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

	public <R> CursorPage<R> map(Function<? super T, ? extends R> mapper) {
		return new CursorPage<>(items.stream().<R>map(mapper).toList(), nextCursor);
	}
}
