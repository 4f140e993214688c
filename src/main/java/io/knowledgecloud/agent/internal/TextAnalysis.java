package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.knowledgecloud.search.DocumentTexts.Passage;

/** Sentence splitting, centrality and number extraction behind the offline summarise and compare tools. */
final class TextAnalysis {

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}0-9\"'(\\[])");
	private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*%?");

	private TextAnalysis() {
	}

	static List<String> sentences(String text) {
		return Arrays.stream(SENTENCE_END.split(text.replaceAll("\\s+", " ").strip()))
			.map(String::strip)
			.filter(s -> s.length() > 1)
			.toList();
	}

	/** Each passage's similarity to the document's centroid (dot product of unit vectors). */
	static double[] centrality(List<Passage> passages) {
		int dim = passages.getFirst().vector().length;
		float[] centroid = new float[dim];
		for (Passage p : passages) {
			for (int i = 0; i < dim; i++) {
				centroid[i] += p.vector()[i];
			}
		}
		double[] scores = new double[passages.size()];
		for (int j = 0; j < passages.size(); j++) {
			scores[j] = dot(passages.get(j).vector(), centroid);
		}
		return scores;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	/** The numbers a text states, normalised (trailing punctuation dropped). */
	static Set<String> numbers(String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher m = NUMBER.matcher(text);
		while (m.find()) {
			found.add(m.group().replaceAll("[,.]+$", ""));
		}
		return found;
	}

	/** Sentences of {@code text} that state a number. */
	static List<String> claims(String text) {
		List<String> claims = new ArrayList<>();
		for (String s : sentences(text)) {
			if (!numbers(s).isEmpty()) {
				claims.add(s);
			}
		}
		return claims;
	}

	static String heading(Passage p) {
		return p.headingPath().isEmpty() ? (p.page() == null ? "passage " + (p.ordinal() + 1) : "page " + p.page())
				: String.join(" › ", p.headingPath());
	}
}
