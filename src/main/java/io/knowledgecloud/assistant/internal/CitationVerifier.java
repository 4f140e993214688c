package io.knowledgecloud.assistant.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.knowledgecloud.assistant.Citation;
import io.knowledgecloud.search.SearchHit;

/**
 * Checks an answer's citations after generation. Markers to sources that were not supplied are
 * removed from the text. Every other marker is scored: the cited source's sentences are ranked by
 * how many of the answer sentence's stemmed words they contain, the best three are compared by
 * meaning (embeddings), and the support is the mean of word coverage and scaled cosine of the
 * best one; a verbatim quote scores 1. Citations below the threshold stay, flagged unsupported.
 */
final class CitationVerifier {

	private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})\\]");
	private static final Pattern AFTER_MARKERS = Pattern.compile("(?<=\\])\\s+(?!\\[)");
	private static final Pattern LEADING_MARKERS = Pattern.compile("(\\s*\\[\\d{1,3}\\])+");

	/** The checked answer: text without invalid markers, and its citations. */
	record Checked(String text, List<Citation> citations, int unsupportedSentences) {
	}

	private final Function<List<String>, List<float[]>> embed;
	private final double threshold;

	CitationVerifier(Function<List<String>, List<float[]>> embed, double threshold) {
		this.embed = embed;
		this.threshold = threshold;
	}

	Checked check(String answer, List<ContextAssembler.Piece> pieces) {
		Map<Integer, ContextAssembler.Piece> byNumber = pieces.stream()
			.collect(Collectors.toMap(ContextAssembler.Piece::number, Function.identity()));
		String text = removeUnknownMarkers(answer, byNumber.keySet());
		List<Citation> citations = new ArrayList<>();
		int unsupported = 0;
		for (String sentence : sentencesWithTheirMarkers(text)) {
			Matcher m = MARKER.matcher(sentence);
			String plain = MARKER.matcher(sentence).replaceAll("").strip();
			boolean sentenceUnsupported = false;
			while (m.find()) {
				ContextAssembler.Piece piece = byNumber.get(Integer.parseInt(m.group(1)));
				Citation c = cite(piece, plain, sentence);
				citations.add(c);
				sentenceUnsupported |= !c.supported();
			}
			if (sentenceUnsupported) {
				unsupported++;
			}
		}
		return new Checked(text, citations, unsupported);
	}

	private Citation cite(ContextAssembler.Piece piece, String plain, String sentence) {
		SearchHit hit = piece.hit();
		Set<String> terms = Sentences.terms(plain);
		Sentences.Sentence best = null;
		double support = 0;
		for (Sentences.Sentence span : piece.spans()) {
			if (!plain.isEmpty() && span.text().contains(plain)) {
				best = span;
				support = 1;
				break;
			}
		}
		if (best == null) {
			List<Sentences.Sentence> ranked = new ArrayList<>(piece.spans());
			ranked.sort(Comparator.comparingDouble(
					(Sentences.Sentence s) -> Sentences.coverage(terms, Sentences.terms(s.text()))).reversed());
			List<Sentences.Sentence> top = ranked.subList(0, Math.min(3, ranked.size()));
			List<String> texts = new ArrayList<>();
			texts.add(plain);
			top.forEach(s -> texts.add(s.text()));
			List<float[]> vectors = embed.apply(texts);
			for (int i = 0; i < top.size(); i++) {
				double coverage = Sentences.coverage(terms, Sentences.terms(top.get(i).text()));
				double cosine = Math.clamp((Sentences.dot(vectors.getFirst(), vectors.get(i + 1)) - 0.5) / 0.4, 0, 1);
				double score = 0.5 * coverage + 0.5 * cosine;
				if (best == null || score > support) {
					best = top.get(i);
					support = score;
				}
			}
		}
		int start = hit.startOffset() + best.start();
		int end = hit.startOffset() + best.end();
		return new Citation(piece.number(), sentence, hit.documentId(), hit.version(), hit.title(), hit.page(),
				hit.chunkId(), start, end, best.text(), Math.round(support * 1000) / 1000.0, support >= threshold);
	}

	/**
	 * The answer's sentences, each with the markers that follow it: "A. [1] B. [2]" splits after the
	 * period, so a sentence's leading markers belong to the sentence before it.
	 */
	static List<String> sentencesWithTheirMarkers(String text) {
		List<String> out = new ArrayList<>();
		// "A. [1] B. [2]": a sentence break is not found after "[1]" (no terminal punctuation), so
		// the text is first cut after every run of markers
		for (String segment : AFTER_MARKERS.split(text)) {
			for (Sentences.Sentence s : Sentences.split(segment)) {
				Matcher lead = LEADING_MARKERS.matcher(s.text());
				String rest = s.text();
				if (lead.lookingAt() && !out.isEmpty()) {
					out.set(out.size() - 1, out.getLast() + " " + lead.group().strip());
					rest = s.text().substring(lead.end()).strip();
				}
				if (!rest.isEmpty()) {
					out.add(rest);
				}
			}
		}
		return out;
	}

	static String removeUnknownMarkers(String answer, Set<Integer> known) {
		Matcher m = MARKER.matcher(answer);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, known.contains(Integer.parseInt(m.group(1))) ? "$0" : "");
		}
		m.appendTail(out);
		return out.toString().replaceAll(" +([.,;:!?])", "$1").replaceAll(" {2,}", " ").strip();
	}
}
