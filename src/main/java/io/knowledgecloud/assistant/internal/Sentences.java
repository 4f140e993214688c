package io.knowledgecloud.assistant.internal;

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

/** Sentence splitting and stemmed content words, for choosing and checking sentences. */
public final class Sentences {

	/** A sentence of a text: {@code [start, end)} in it. */
	public record Sentence(String text, int start, int end) {
	}

	private static final Analyzer ANALYZER = new EnglishAnalyzer();

	private Sentences() {
	}

	/** Sentences of {@code text}; a line break always ends a sentence (headings, list items). */
	static List<Sentence> split(String text) {
		List<Sentence> out = new ArrayList<>();
		BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
		int lineStart = 0;
		while (lineStart <= text.length()) {
			int lineEnd = text.indexOf('\n', lineStart);
			if (lineEnd < 0) {
				lineEnd = text.length();
			}
			String line = text.substring(lineStart, lineEnd);
			it.setText(line);
			int start = it.first();
			for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
				int s = start;
				int e = end;
				while (s < e && Character.isWhitespace(line.charAt(s))) {
					s++;
				}
				while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
					e--;
				}
				if (e - s >= 2) {
					out.add(new Sentence(line.substring(s, e), lineStart + s, lineStart + e));
				}
			}
			lineStart = lineEnd + 1;
		}
		return out;
	}

	/** Stemmed words without stop words. */
	public static Set<String> terms(String text) {
		Set<String> terms = new HashSet<>();
		try (TokenStream stream = ANALYZER.tokenStream("t", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return terms;
	}

	/** Share of {@code of}'s terms that {@code in} contains (0 when {@code of} has none). */
	public static double coverage(Set<String> of, Set<String> in) {
		if (of.isEmpty()) {
			return 0;
		}
		int found = 0;
		for (String t : of) {
			if (in.contains(t)) {
				found++;
			}
		}
		return (double) found / of.size();
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
