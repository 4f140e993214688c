package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import io.knowledgecloud.search.SearchHit.Highlight;

/**
 * Picks a passage of a chunk to show. The chunk's sentences are scored by how many distinct query
 * words (after English stemming) they contain; the best sentence and those after it fill the
 * snippet, and matched words are returned as ranges. A chunk found only by meaning, sharing no
 * word with the query, shows its opening sentences. The work is lexical on purpose: embedding
 * every sentence of every hit would cost more than the search.
 */
public final class Snippets {

	/** A passage and the matched ranges inside it. */
	public record Snippet(String text, List<Highlight> highlights) {
	}

	/** No snippet, for callers that asked for none. */
	public static final Snippet NONE = new Snippet("", List.of());

	private record Token(String term, int start, int end) {
	}

	private final Analyzer analyzer = new EnglishAnalyzer();
	private final int maxLength;

	public Snippets(int maxLength) {
		this.maxLength = maxLength;
	}

	/** The analysed terms of a query. */
	public Set<String> terms(String query) {
		Set<String> terms = new HashSet<>();
		for (Token t : tokens(query)) {
			terms.add(t.term());
		}
		return terms;
	}

	public Snippet of(String text, Set<String> queryTerms) {
		if (text.isEmpty()) {
			return new Snippet("", List.of());
		}
		List<Token> matches = queryTerms.isEmpty() ? List.of()
				: tokens(text).stream().filter(t -> queryTerms.contains(t.term())).toList();
		int[] sentence = bestSentence(text, matches);
		int start = sentence[0];
		int end = Math.min(text.length(), start + maxLength);
		if (end < text.length()) {
			int space = text.lastIndexOf(' ', end);
			if (space > start + maxLength / 2) {
				end = space;
			}
		}
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		String body = text.substring(start, end).stripTrailing();
		int shift = start;
		String prefix = start > 0 ? "\u2026 " : "";
		String suffix = end < text.length() ? " \u2026" : "";
		List<Highlight> highlights = new ArrayList<>();
		for (Token t : matches) {
			if (t.start() >= shift && t.end() <= shift + body.length()) {
				highlights.add(new Highlight(prefix.length() + t.start() - shift, prefix.length() + t.end() - shift));
			}
		}
		return new Snippet(prefix + body + suffix, List.copyOf(highlights));
	}

	/** {start, end} of the sentence with the most distinct matched terms (the first on ties). */
	private static int[] bestSentence(String text, List<Token> matches) {
		BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
		sentences.setText(text);
		int[] best = { 0, text.length() };
		int bestScore = 0;
		int start = sentences.first();
		for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
			Set<String> distinct = new HashSet<>();
			for (Token t : matches) {
				if (t.start() >= start && t.end() <= end) {
					distinct.add(t.term());
				}
			}
			if (distinct.size() > bestScore) {
				bestScore = distinct.size();
				best = new int[] { start, end };
			}
		}
		return best;
	}

	private List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return tokens;
	}
}
