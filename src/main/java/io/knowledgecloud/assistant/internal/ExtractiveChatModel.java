package io.knowledgecloud.assistant.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.knowledgecloud.assistant.spi.ChatModel;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.Passage;
import io.knowledgecloud.embedding.Embeddings;

/**
 * The offline answerer: no language model, no weights beyond the embedding model. It splits the
 * supplied passages into sentences, keeps the {@value #SHORTLIST} that share the most words with
 * the question, embeds them, scores each by meaning (cosine to the question) and words (share of
 * the question's stemmed words it contains), and picks up to {@code maxSentences} with maximal
 * marginal relevance so that they do not repeat each other. The sentences are quoted verbatim, in
 * source order within each passage, each followed by its {@code [n]} marker. When the best
 * sentence scores below the confidence threshold it says plainly that the documents do not answer.
 */
final class ExtractiveChatModel implements ChatModel {

	static final int SHORTLIST = 16;
	static final String NO_ANSWER = "The documents I can see do not answer this question.";
	private static final double MMR_LAMBDA = 0.7;
	/** Sentences scoring below this share of the best one are not relevant enough to add. */
	private static final double RELATIVE_FLOOR = 0.8;
	/** Cosine above which a sentence repeats one already picked. */
	private static final double DUPLICATE = 0.92;

	private final Embeddings embeddings;
	private final int maxSentences;
	private final double threshold;

	ExtractiveChatModel(Embeddings embeddings, int maxSentences, double threshold) {
		this.embeddings = embeddings;
		this.maxSentences = maxSentences;
		this.threshold = threshold;
	}

	@Override
	public String id() {
		return "extractive";
	}

	private record Candidate(Passage passage, Sentences.Sentence sentence, double lexical, int order) {
	}

	private record Scored(Candidate candidate, float[] vector, double score) {
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		String question = request.question() != null ? request.question() : lastUser(request);
		// a question of several parts ("Who…? How long…?") is scored part by part, so that each part
		// can bring its own answering sentence
		List<String> parts = parts(question);
		List<Set<String>> partTerms = parts.stream().map(Sentences::terms).toList();
		Set<String> questionTerms = Sentences.terms(question);
		List<Candidate> candidates = new ArrayList<>();
		int order = 0;
		for (Passage p : request.passages()) {
			for (Sentences.Sentence s : Sentences.split(p.text())) {
				if (s.text().length() < 20 || s.text().length() > 600) {
					continue;
				}
				candidates.add(new Candidate(p, s, Sentences.coverage(questionTerms, Sentences.terms(s.text())),
						order++));
			}
		}
		if (candidates.isEmpty()) {
			return answer(NO_ANSWER, request, question);
		}
		// shortlist by words; meaning decides among the shortlisted
		candidates.sort(Comparator.comparingDouble(Candidate::lexical).reversed().thenComparingInt(Candidate::order));
		List<Candidate> shortlist = new ArrayList<>(candidates.subList(0, Math.min(SHORTLIST, candidates.size())));
		List<float[]> vectors = embeddings.embedDocuments(shortlist.stream().map(c -> c.sentence().text()).toList());
		List<float[]> queries = parts.stream().map(embeddings::embedQuery).toList();
		double[] bestPerPart = new double[parts.size()];
		double[][] partScores = new double[shortlist.size()][parts.size()];
		for (int i = 0; i < shortlist.size(); i++) {
			Set<String> sentenceTerms = Sentences.terms(shortlist.get(i).sentence().text());
			for (int q = 0; q < parts.size(); q++) {
				double semantic = Sentences.dot(queries.get(q), vectors.get(i));
				partScores[i][q] = 0.7 * semantic + 0.3 * Sentences.coverage(partTerms.get(q), sentenceTerms);
				bestPerPart[q] = Math.max(bestPerPart[q], partScores[i][q]);
			}
		}
		List<Scored> scored = new ArrayList<>();
		for (int i = 0; i < shortlist.size(); i++) {
			double score = 0;
			boolean relevant = false;
			for (int q = 0; q < parts.size(); q++) {
				score = Math.max(score, partScores[i][q]);
				relevant |= partScores[i][q] >= Math.max(threshold, RELATIVE_FLOOR * bestPerPart[q]);
			}
			if (relevant) {
				scored.add(new Scored(shortlist.get(i), vectors.get(i), score));
			}
		}
		if (scored.isEmpty()) {
			return answer(NO_ANSWER, request, question);
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed());
		// maximal marginal relevance: each next sentence balances relevance against what is already
		// picked; sentences well below the best one, or repeating a picked one, are left out
		List<Scored> picked = new ArrayList<>();
		List<Scored> pool = new ArrayList<>(scored);
		while (picked.size() < maxSentences && !pool.isEmpty()) {
			Scored best = null;
			double bestMmr = Double.NEGATIVE_INFINITY;
			double bestRedundancy = 0;
			for (Scored s : pool) {
				double redundancy = 0;
				for (Scored p : picked) {
					redundancy = Math.max(redundancy, Sentences.dot(s.vector(), p.vector()));
				}
				double mmr = MMR_LAMBDA * s.score() - (1 - MMR_LAMBDA) * redundancy;
				if (mmr > bestMmr) {
					bestMmr = mmr;
					best = s;
					bestRedundancy = redundancy;
				}
			}
			pool.remove(best);
			if (bestRedundancy < DUPLICATE) {
				picked.add(best);
			}
		}
		picked.sort(Comparator.comparingInt((Scored s) -> s.candidate().order()));
		StringBuilder text = new StringBuilder();
		for (Scored s : picked) {
			if (!text.isEmpty()) {
				text.append(' ');
			}
			text.append(s.candidate().sentence().text()).append(" [").append(s.candidate().passage().number()).append(']');
		}
		return answer(text.toString(), request, question);
	}

	private ChatResponse answer(String text, ChatRequest request, String question) {
		int in = embeddings.countTokens(question);
		for (Passage p : request.passages()) {
			in += embeddings.countTokens(p.text());
		}
		return new ChatResponse(text, List.of(), new ChatResponse.Usage(in, embeddings.countTokens(text), true), "stop",
				request.model());
	}

	/** The question's parts, split after each question mark (at most four). */
	static List<String> parts(String question) {
		List<String> parts = new ArrayList<>();
		for (String part : question.split("(?<=\\?)\\s+")) {
			if (!part.isBlank()) {
				parts.add(part.strip());
			}
		}
		return parts.isEmpty() || parts.size() > 4 ? List.of(question) : parts;
	}

	private static String lastUser(ChatRequest request) {
		for (int i = request.messages().size() - 1; i >= 0; i--) {
			if (request.messages().get(i).role().equals("user")) {
				return request.messages().get(i).content();
			}
		}
		return "";
	}
}
