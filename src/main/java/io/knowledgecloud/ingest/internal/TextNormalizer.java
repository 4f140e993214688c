package io.knowledgecloud.ingest.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;
import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;

/**
 * Cleans extracted text for chunking and display: Unicode NFC; line endings to {@code \n}; runs
 * of spaces and tabs to one space; no spaces at the start or end of a line; at most one blank
 * line in a row; control characters (other than {@code \n}), byte-order marks, zero-width
 * spaces and soft hyphens removed; words hyphenated across a line break joined again.
 *
 * <p>De-hyphenation joins {@code letter-} at the end of a line with a lower-case letter at the
 * start of the next ({@code inter-\nnational} → {@code international}). When the word before
 * the break already holds a hyphen, it is a compound and keeps its hyphen
 * ({@code state-of-the-\nart} → {@code state-of-the-art}); hyphens not at a line end are never
 * touched. A break followed by a capital or a digit is left alone ({@code Smith-\nJones}).
 *
 * <p><b>Offsets.</b> Normalisation runs after extraction, over the whole text, and moves the
 * structure with it: page and heading offsets are passed through the same single pass, which
 * maps each to the position of the first character kept at or after it. So a page starts at its
 * first visible character, and every offset of the result indexes into the normalised text —
 * the text that is stored and that chunk offsets refer to. Recording offsets on already
 * normalised text inside the extractor was the alternative; it would have meant normalising SAX
 * fragments whose boundaries fall mid-word (so de-hyphenation and NFC would see half a
 * sequence). NFC is applied per stretch between two structure offsets, which keeps the mapping
 * exact; a combining mark that starts a page is not composed with the character before it.
 * A hyphenated word is not joined across a page or heading boundary.
 */
final class TextNormalizer {

	private static final char SOFT_HYPHEN = '\u00AD';

	/** The document with normalised text and its pages and headings moved along. */
	ExtractedDocument normalize(ExtractedDocument document) {
		List<Integer> offsets = new ArrayList<>();
		document.pages().forEach(page -> {
			offsets.add(page.start());
			offsets.add(page.end());
		});
		document.headings().forEach(heading -> offsets.add(heading.offset()));
		int[] marks = offsets.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
		Normalized normalized = normalize(document.text(), marks);
		List<Page> pages = document.pages().stream()
			.map(p -> new Page(p.number(), normalized.map(p.start()), normalized.map(p.end())))
			.toList();
		List<Heading> headings = document.headings().stream()
			.map(h -> new Heading(h.level(), normalize(h.text(), new int[0]).text(), normalized.map(h.offset())))
			.toList();
		return new ExtractedDocument(normalized.text(), document.mediaType(), document.title(), pages, headings);
	}

	/** Normalises {@code text}; {@code marks} (sorted, distinct offsets into it) are mapped along. */
	static Normalized normalize(String text, int[] marks) {
		int[] clamped = Arrays.stream(marks).map(m -> Math.max(0, Math.min(m, text.length()))).toArray();
		String composed = text;
		int[] composedMarks = clamped;
		if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
			StringBuilder nfc = new StringBuilder(text.length());
			composedMarks = new int[clamped.length];
			int previous = 0;
			for (int k = 0; k < clamped.length; k++) {
				nfc.append(Normalizer.normalize(text.substring(previous, clamped[k]), Normalizer.Form.NFC));
				composedMarks[k] = nfc.length();
				previous = clamped[k];
			}
			nfc.append(Normalizer.normalize(text.substring(previous), Normalizer.Form.NFC));
			composed = nfc.toString();
		}
		return new Scan(composed, composedMarks).run(marks);
	}

	/** Normalised text and where each of the original marks ended up. */
	record Normalized(String text, int[] marks, int[] mapped) {

		/** Where offset {@code original}, one of the marks passed in, is in {@link #text()}. */
		int map(int original) {
			int index = Arrays.binarySearch(marks, original);
			if (index < 0) {
				throw new IllegalArgumentException("offset " + original + " was not passed as a mark");
			}
			return mapped[index];
		}
	}

	/** One pass over the text; whitespace is held back and written only before the next kept character. */
	private static final class Scan {

		private final String in;
		private final int[] marks;
		private final int[] mapped;
		private final StringBuilder out;
		private int next;
		private int pendingNewlines;
		private boolean pendingSpace;

		Scan(String in, int[] marks) {
			this.in = in;
			this.marks = marks;
			this.mapped = new int[marks.length];
			this.out = new StringBuilder(in.length());
		}

		Normalized run(int[] originalMarks) {
			int n = in.length();
			for (int i = 0; i < n; i++) {
				char c = in.charAt(i);
				if (c == '\r' && i + 1 < n && in.charAt(i + 1) == '\n') {
					continue;
				}
				if (isLineBreak(c)) {
					pendingNewlines++;
				}
				else if (c == '\t' || Character.isSpaceChar(c)) {
					pendingSpace = true;
				}
				else if (c == '-' || c == SOFT_HYPHEN) {
					int joined = joinedAt(i);
					if (joined < 0) {
						if (c == '-') {
							emit(c, i);
						}
					}
					else {
						if (c == '-' && wordHasHyphen()) {
							emit(c, i);
						}
						i = joined - 1;
					}
				}
				else if (!isRemovable(c)) {
					emit(c, i);
				}
			}
			while (next < marks.length) {
				mapped[next++] = out.length();
			}
			return new Normalized(out.toString(), originalMarks, mapped);
		}

		private void emit(char c, int at) {
			if (!out.isEmpty()) {
				if (pendingNewlines > 0) {
					out.append(pendingNewlines > 1 ? "\n\n" : "\n");
				}
				else if (pendingSpace) {
					out.append(' ');
				}
			}
			pendingNewlines = 0;
			pendingSpace = false;
			while (next < marks.length && marks[next] <= at) {
				mapped[next++] = out.length();
			}
			out.append(c);
		}

		/**
		 * Where the word continues when the hyphen at {@code i} ends a line inside a word, else -1:
		 * a letter right before it, one line break after it, a lower-case letter next, and no
		 * structure boundary in between.
		 */
		private int joinedAt(int i) {
			if (pendingSpace || pendingNewlines > 0 || out.isEmpty() || !Character.isLetter(out.charAt(out.length() - 1))) {
				return -1;
			}
			int j = skipSpaces(i + 1);
			if (j < in.length() && in.charAt(j) == '\r') {
				j++;
				if (j < in.length() && in.charAt(j) == '\n') {
					j++;
				}
			}
			else if (j < in.length() && in.charAt(j) == '\n') {
				j++;
			}
			else {
				return -1;
			}
			j = skipSpaces(j);
			boolean boundaryBetween = next < marks.length && marks[next] <= j;
			return j < in.length() && Character.isLowerCase(in.charAt(j)) && !boundaryBetween ? j : -1;
		}

		private int skipSpaces(int from) {
			int j = from;
			while (j < in.length() && (in.charAt(j) == ' ' || in.charAt(j) == '\t')) {
				j++;
			}
			return j;
		}

		private boolean wordHasHyphen() {
			for (int k = out.length() - 1; k >= 0 && !Character.isWhitespace(out.charAt(k)); k--) {
				if (out.charAt(k) == '-') {
					return true;
				}
			}
			return false;
		}

		private static boolean isLineBreak(char c) {
			return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028'
					|| c == '\u2029';
		}

		private static boolean isRemovable(char c) {
			return Character.isISOControl(c) || c == '\uFEFF' || c == '\u200B' || c == SOFT_HYPHEN;
		}
	}
}
