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
		// shortlist by words, but keep each passage's opening sentence so meaning-only matches compete
		candidates.sort(Comparator.comparingDouble(Candidate::lexical).reversed().thenComparingInt(Candidate::order));
		List<Candidate> shortlist = new ArrayList<>(candidates.subList(0, Math.min(SHORTLIST, candidates.size())));
		List<float[]> vectors = embeddings.embedDocuments(shortlist.stream().map(c -> c.sentence().text()).toList());
		float[] q = embeddings.embedQuery(question);
		List<Scored> scored = new ArrayList<>();
		for (int i = 0; i < shortlist.size(); i++) {
			double semantic = Sentences.dot(q, vectors.get(i));
			scored.add(new Scored(shortlist.get(i), vectors.get(i), 0.7 * semantic + 0.3 * shortlist.get(i).lexical()));
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed());
		if (scored.getFirst().score() < threshold) {
			return answer(NO_ANSWER, request, question);
		}
		List<Scored> picked = new ArrayList<>();
		List<Scored> pool = new ArrayList<>(scored);
		while (picked.size() < maxSentences && !pool.isEmpty()) {
			Scored best = null;
			double bestMmr = Double.NEGATIVE_INFINITY;
			for (Scored s : pool) {
				double redundancy = 0;
				for (Scored p : picked) {
					redundancy = Math.max(redundancy, Sentences.dot(s.vector(), p.vector()));
				}
				double mmr = MMR_LAMBDA * s.score() - (1 - MMR_LAMBDA) * redundancy;
				if (mmr > bestMmr) {
					bestMmr = mmr;
					best = s;
				}
			}
			pool.remove(best);
			if (best.score() < threshold * 0.9 || (!picked.isEmpty() && bestMmr < 0.2)) {
				break;
			}
			picked.add(best);
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

	private static String lastUser(ChatRequest request) {
		for (int i = request.messages().size() - 1; i >= 0; i--) {
			if (request.messages().get(i).role().equals("user")) {
				return request.messages().get(i).content();
			}
		}
		return "";
	}
}
