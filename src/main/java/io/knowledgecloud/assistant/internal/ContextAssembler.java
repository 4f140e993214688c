package io.knowledgecloud.assistant.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import io.knowledgecloud.platform.SimHash;
import io.knowledgecloud.search.SearchHit;

/**
 * Builds the numbered passages of a prompt from search hits, within a token budget: near-duplicate
 * hits are dropped, and a hit longer than its share of the budget is compressed to its sentences
 * most relevant to the question (kept in their original order, with their offsets, so citations
 * still point at the right span of the document).
 */
public final class ContextAssembler {

	/** A passage as given to the model, and where its text sits in the source chunk. */
	public record Piece(int number, SearchHit hit, String text, List<Sentences.Sentence> spans) {
	}

	private final ToIntFunction<String> tokens;
	private final int budget;

	ContextAssembler(ToIntFunction<String> tokens, int budget) {
		this.tokens = tokens;
		this.budget = budget;
	}

	List<Piece> assemble(String question, List<SearchHit> hits) {
		Set<String> questionTerms = Sentences.terms(question);
		List<Piece> pieces = new ArrayList<>();
		List<Long> fingerprints = new ArrayList<>();
		int used = 0;
		int perPassage = Math.max(100, budget / Math.max(1, Math.min(hits.size(), 6)));
		for (SearchHit hit : hits) {
			long fingerprint = SimHash.of(hit.text());
			if (fingerprints.stream().anyMatch(f -> SimHash.distance(f, fingerprint) <= 3)) {
				continue;
			}
			List<Sentences.Sentence> sentences = Sentences.split(hit.text());
			if (sentences.isEmpty()) {
				continue;
			}
			int allowed = Math.min(perPassage, budget - used);
			if (allowed < 50) {
				break;
			}
			// one tokenizer call for a passage that fits; sentence by sentence only when it must be cut
			int whole = hit.tokenCount() > 0 ? hit.tokenCount() : tokens.applyAsInt(hit.text());
			List<Sentences.Sentence> kept = whole <= allowed ? sentences : compress(sentences, questionTerms, allowed);
			// unchanged text when nothing was cut; else one kept sentence per line
			String text = kept.size() == sentences.size() ? hit.text()
					: String.join("\n", kept.stream().map(Sentences.Sentence::text).toList());
			used += text == hit.text() ? whole : tokens.applyAsInt(text);
			fingerprints.add(fingerprint);
			pieces.add(new Piece(pieces.size() + 1, hit, text, kept));
		}
		return pieces;
	}

	/** The most question-like sentences that fit {@code allowed} tokens, in source order. */
	private List<Sentences.Sentence> compress(List<Sentences.Sentence> sentences, Set<String> questionTerms,
			int allowed) {
		java.util.Map<Sentences.Sentence, Double> coverage = new java.util.IdentityHashMap<>();
		for (Sentences.Sentence s : sentences) {
			coverage.put(s, Sentences.coverage(questionTerms, Sentences.terms(s.text())));
		}
		List<Sentences.Sentence> ranked = new ArrayList<>(sentences);
		ranked.sort(Comparator.comparingDouble((Sentences.Sentence s) -> coverage.get(s)).reversed());
		List<Sentences.Sentence> kept = new ArrayList<>();
		int used = 0;
		for (Sentences.Sentence s : ranked) {
			int t = tokens.applyAsInt(s.text());
			if (used + t > allowed) {
				continue;
			}
			kept.add(s);
			used += t;
		}
		if (kept.isEmpty()) {
			kept.add(ranked.getFirst());
		}
		kept.sort(Comparator.comparingInt(Sentences.Sentence::start));
		return kept;
	}
}
