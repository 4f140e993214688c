package io.knowledgecloud.ingest.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The text of a document and the structure found in it. All offsets index into {@link #text()}.
 * {@link TikaExtractor} produces the raw text; {@link TextNormalizer} returns a copy with the
 * normalised text and every offset moved along with it.
 *
 * @param mediaType the detected type, without parameters, e.g. {@code application/pdf}
 * @param title from the document's metadata ({@code dc:title}), if it has one
 * @param pages in order; empty for formats without pages. Consecutive pages share a boundary
 *        ({@code end} of one is {@code start} of the next) and the last ends at the text's end.
 * @param headings in document order
 */
record ExtractedDocument(String text, String mediaType, @Nullable String title, List<Page> pages,
		List<Heading> headings) {

	ExtractedDocument {
		pages = List.copyOf(pages);
		headings = List.copyOf(headings);
	}

	/** Page {@code number} (1-based) covers {@code text[start, end)}. */
	record Page(int number, int start, int end) {
	}

	/** A heading of {@code level} 1..6 whose text starts at {@code offset}. */
	record Heading(int level, String text, int offset) {
	}

	/** The page on which {@code offset} lies, or {@code null} when the document has no pages. */
	@Nullable Integer pageAt(int offset) {
		if (pages.isEmpty()) {
			return null;
		}
		int low = 0;
		int high = pages.size() - 1;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (pages.get(mid).start() <= offset) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return pages.get(low).number();
	}
}
