package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.knowledgecloud.platform.Cursors.InvalidPageRequest;

/** Opaque keyset cursors: they round-trip, cannot be forged or moved to another list, and limits are bounded. */
class CursorsTest {

	private static final String SCOPE = "audit:user:1";

	private final Cursors cursors = newCursors();

	@Test
	void aCursorLeadsBackToThePositionOfTheLastRowOnThePage() {
		List<String> rows = List.of("a", "b", "c");
		PageRequest first = cursors.request(SCOPE, null, 2);
		assertThat(first.first()).isTrue();

		CursorPage<String> page = cursors.page(SCOPE, rows, first, row -> List.of("2026-11-21T10:00:00Z", row));
		assertThat(page.items()).containsExactly("a", "b");
		assertThat(page.nextCursor()).isNotBlank();

		PageRequest next = cursors.request(SCOPE, page.nextCursor(), 2);
		assertThat(next.first()).isFalse();
		assertThat(next.after()).containsExactly("2026-11-21T10:00:00Z", "b");
		assertThat(next.limit()).isEqualTo(2);
	}

	@Test
	void theLastPageHasNoCursor() {
		PageRequest request = cursors.request(SCOPE, null, 3);
		assertThat(cursors.page(SCOPE, List.of("a", "b", "c"), request, row -> List.of(row)).nextCursor()).isNull();
		assertThat(cursors.page(SCOPE, List.<String>of(), request, row -> List.of(row)).items()).isEmpty();
	}

	@Test
	void sortKeysWithAnyCharactersRoundTrip() {
		List<String> keys = List.of("", "with.dot", "ünïcødé 😀", "a/b+c=d", " ");
		assertThat(cursors.decode(SCOPE, cursors.encode(SCOPE, keys))).isEqualTo(keys);
	}

	@Test
	void aCursorIsOpaque() {
		String cursor = cursors.encode(SCOPE, List.of("2026-11-21T10:00:00Z", "b"));
		assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").doesNotContain("2026");
	}

	@Test
	void aForgedPositionIsRefused() {
		String cursor = cursors.encode(SCOPE, List.of("2026-11-21T10:00:00Z", "b"));
		String tag = cursor.substring(cursor.indexOf('.') + 1);
		String forgedBody = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("2099-01-01T00:00:00Z\u001fb".getBytes(StandardCharsets.UTF_8));
		assertInvalidCursor(SCOPE, forgedBody + "." + tag);
	}

	@Test
	void aCursorWithTheTagOfAnotherCursorIsRefused() {
		String one = cursors.encode(SCOPE, List.of("1"));
		String two = cursors.encode(SCOPE, List.of("2"));
		assertInvalidCursor(SCOPE, one.substring(0, one.indexOf('.')) + two.substring(two.indexOf('.')));
	}

	@Test
	void aCursorFromAnotherListIsRefused() {
		String cursor = cursors.encode("audit:user:1", List.of("x"));
		assertInvalidCursor("audit:user:2", cursor);
		assertInvalidCursor("audit:ws:1", cursor);
	}

	@Test
	void aCursorSignedUnderAnotherMasterKeyIsRefused() {
		assertInvalidCursor(SCOPE, newCursors().encode(SCOPE, List.of("x")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", ".", "abc.", ".abc", "a.b.c", "!!!.###", "eyJ9.eyJ9" })
	void malformedCursorsAreRefused(String cursor) {
		assertInvalidCursor(SCOPE, cursor);
	}

	@Test
	void overlongCursorsAreRefused() {
		assertInvalidCursor(SCOPE, "a".repeat(2049) + ".b");
	}

	@Test
	void aBlankCursorMeansTheFirstPage() {
		assertThat(cursors.request(SCOPE, "", 5).first()).isTrue();
		assertThat(cursors.request(SCOPE, "  ", 5).first()).isTrue();
	}

	@Test
	void limitDefaultsAndIsBounded() {
		assertThat(cursors.request(SCOPE, null, null).limit()).isEqualTo(20);
		assertThat(cursors.request(SCOPE, null, 1).limit()).isEqualTo(1);
		assertThat(cursors.request(SCOPE, null, 100).limit()).isEqualTo(100);
		for (int limit : new int[] { 0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE }) {
			assertThatThrownBy(() -> cursors.request(SCOPE, null, limit))
				.isInstanceOfSatisfying(InvalidPageRequest.class, e -> {
					assertThat(e.code()).isEqualTo("invalid_limit");
					assertThat(e.status().value()).isEqualTo(400);
				});
		}
	}

	private static Cursors newCursors() {
		PlatformSettings settings = TestSettings.withMasterKey(TestSettings.randomKey(32));
		return new Cursors(new SecretBox(settings), settings);
	}

	private void assertInvalidCursor(String scope, String cursor) {
		assertThatThrownBy(() -> cursors.request(scope, cursor, 10)).isInstanceOfSatisfying(InvalidPageRequest.class,
				e -> {
					assertThat(e.code()).isEqualTo("invalid_cursor");
					assertThat(e.status().value()).isEqualTo(400);
				});
	}
}
