package io.knowledgecloud.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Splits a section into segments — sentences, or lines where text has no sentence punctuation
 * (tables, lists, CSV) — each labelled with the kind of boundary before it, so the chunker can
 * prefer to cut at the strongest one. A segment longer than the token budget on its own is cut
 * between words (or, for one enormous "word", between characters) into the longest pieces that
 * fit, measured with the real tokenizer; so every segment fits into a chunk by itself.
 *
 * <p>Paragraphs are separated by a blank line (the normalised text has no longer gaps). A
 * sentence ends at {@code . ! ?} or {@code …}, optionally followed by closing quotes or
 * brackets, then whitespace and anything but a lower-case letter ({@code e.g. this} goes on).
 * The rules are plain and language-neutral on purpose: they must be deterministic, and a wrong
 * sentence guess only moves a cut, never loses text.
 */
final class Segmenter {

	/** Kinds of boundary, weakest first. */
	enum Boundary {
		WORD, LINE, SENTENCE, PARAGRAPH, PAGE, SECTION
	}

	/** {@code text[start, end)}, trimmed; {@code tokens} excludes the counter's fixed overhead. */
	record Segment(int start, int end, Boundary before, int tokens) {
	}

	private final String text;
	private final TokenCounter counter;
	private final int maxTokens;
	private final int overhead;

	Segmenter(String text, TokenCounter counter, int maxTokens) {
		this.text = text;
		this.counter = counter;
		this.maxTokens = maxTokens;
		this.overhead = counter.count("");
	}

	/** The segments of {@code text[start, end)}; {@code pageStarts} are cut at with {@link Boundary#PAGE}. */
	List<Segment> split(int start, int end, List<Integer> pageStarts) {
		TreeMap<Integer, Boundary> cuts = new TreeMap<>();
		cuts.put(start, Boundary.SECTION);
		for (int i = text.indexOf("\n\n", start); i >= 0 && i + 2 < end; i = text.indexOf("\n\n", i + 2)) {
			cuts.merge(i + 2, Boundary.PARAGRAPH, Segmenter::stronger);
		}
		for (int page : pageStarts) {
			if (page > start && page < end) {
				cuts.merge(page, Boundary.PAGE, Segmenter::stronger);
			}
		}
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				cuts.merge(i + 1, Boundary.LINE, Segmenter::stronger);
			}
			else if (isSentenceEnd(c)) {
				int next = i + 1;
				while (next < end && isCloser(text.charAt(next))) {
					next++;
				}
				int after = skipWhitespace(next, end);
				boolean spaced = after > next || isFullWidth(c);
				if (spaced && after < end && !Character.isLowerCase(text.charAt(after))) {
					cuts.merge(after, Boundary.SENTENCE, Segmenter::stronger);
				}
			}
		}
		List<Segment> segments = new ArrayList<>();
		Boundary pending = null;
		var entries = new ArrayList<>(cuts.entrySet());
		for (int k = 0; k < entries.size(); k++) {
			int from = entries.get(k).getKey();
			int to = k + 1 < entries.size() ? entries.get(k + 1).getKey() : end;
			pending = pending == null ? entries.get(k).getValue() : stronger(pending, entries.get(k).getValue());
			int s = skipWhitespace(from, to);
			int e = trimEnd(s, to);
			if (s < e) {
				addFitting(segments, s, e, pending);
				pending = null;
			}
		}
		return segments;
	}

	private void addFitting(List<Segment> segments, int start, int end, Boundary before) {
		int tokens = counter.count(text.substring(start, end));
		if (tokens <= maxTokens) {
			segments.add(new Segment(start, end, before, Math.max(0, tokens - overhead)));
			return;
		}
		Boundary boundary = before;
		int from = start;
		while (from < end) {
			int to = longestFitting(from, candidateEnds(from, end, true));
			if (to <= from) {
				to = longestFitting(from, candidateEnds(from, end, false));
			}
			if (to <= from) {
				throw new IllegalStateException("a single character exceeds the token budget of " + maxTokens);
			}
			segments.add(new Segment(from, to, boundary, Math.max(0, counter.count(text.substring(from, to)) - overhead)));
			boundary = Boundary.WORD;
			from = skipWhitespace(to, end);
		}
	}

	/**
	 * Ends of the words (or of the characters of the first word) after {@code from}, ascending.
	 * Every word is at least one token, so no more than {@code maxTokens} words can fit; a piece
	 * of one giant word is kept to 32 characters per token of budget, which bounds the work.
	 */
	private List<Integer> candidateEnds(int from, int end, boolean words) {
		int limit = words ? maxTokens + 1 : maxTokens * 32;
		List<Integer> ends = new ArrayList<>();
		for (int i = from + 1; i <= end && ends.size() < limit; i++) {
			boolean boundary = words ? i == end || Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))
					: !Character.isLowSurrogate(i < end ? text.charAt(i) : 'x');
			if (boundary) {
				ends.add(i);
			}
			if (!words && (i == end || Character.isWhitespace(text.charAt(i)))) {
				break;
			}
		}
		return ends;
	}

	/** The largest candidate end whose piece fits, by binary search; {@code from} if none does. */
	private int longestFitting(int from, List<Integer> ends) {
		int low = 0;
		int high = ends.size() - 1;
		int best = from;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			if (counter.count(text.substring(from, ends.get(mid))) <= maxTokens) {
				best = ends.get(mid);
				low = mid + 1;
			}
			else {
				high = mid - 1;
			}
		}
		return best;
	}

	private int skipWhitespace(int from, int to) {
		int i = from;
		while (i < to && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private int trimEnd(int from, int to) {
		int i = to;
		while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
			i--;
		}
		return i;
	}

	private static boolean isSentenceEnd(char c) {
		return c == '.' || c == '!' || c == '?' || c == '\u2026' || c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
	}

	/** CJK full stops end a sentence without a space after them. */
	private static boolean isFullWidth(char c) {
		return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
	}

	private static boolean isCloser(char c) {
		return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019' || c == '\u00BB';
	}

	private static Boundary stronger(Boundary a, Boundary b) {
		return a.compareTo(b) >= 0 ? a : b;
	}
}
