package io.knowledgecloud.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.knowledgecloud.search.SearchEvaluation.Question;
import io.knowledgecloud.search.SearchEvaluation.Variant;
import io.knowledgecloud.search.SearchMode;
import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.search.spi.ChunkMatch;

/**
 * Scores ways of searching against a question set: each question's keyword and vector lists are
 * fetched once, then every fusion setting of a grid is applied to them in memory. Metrics are at
 * the document level (a document's best chunk counts), binary relevance, as BEIR reports them.
 */
public final class Evaluation {

	/** Fusion settings tried: RRF over k and keyword weight, and weighted fusion over the weight. */
	public static List<SearchTuning> grid() {
		List<SearchTuning> grid = new ArrayList<>();
		for (int k : new int[] { 1, 2, 5, 10, 20, 40, 60, 100 }) {
			for (double w : new double[] { 0.3, 0.4, 0.5, 0.6, 0.7 }) {
				grid.add(new SearchTuning("rrf", k, w));
			}
		}
		for (int i = 1; i <= 19; i++) {
			grid.add(new SearchTuning("weighted", 60, i / 20.0));
		}
		return grid;
	}

	/** One question's candidate lists. */
	public record Lists(Question question, List<ChunkMatch> keyword, List<ChunkMatch> vector) {
	}

	private Evaluation() {
	}

	/** Keyword, vector and every grid setting, hybrid sorted best first. */
	public static List<Variant> evaluate(List<Lists> lists, List<SearchTuning> grid) {
		List<Variant> hybrid = new ArrayList<>();
		for (SearchTuning tuning : grid) {
			hybrid.add(score(SearchMode.HYBRID, tuning, lists));
		}
		hybrid.sort(Comparator.comparingDouble(Variant::ndcgAt10).thenComparingDouble(Variant::mrrAt10).reversed());
		List<Variant> out = new ArrayList<>();
		out.add(score(SearchMode.KEYWORD, null, lists));
		out.add(score(SearchMode.VECTOR, null, lists));
		out.addAll(hybrid);
		return out;
	}

	static Variant score(SearchMode mode, SearchTuning tuning, List<Lists> lists) {
		double ndcg = 0;
		double recall = 0;
		double mrr = 0;
		for (Lists l : lists) {
			List<UUID> ranking = documents(switch (mode) {
				case KEYWORD -> l.keyword();
				case VECTOR -> l.vector();
				case HYBRID -> Fusion.fuseByDocument(l.keyword(), l.vector(), tuning).stream().map(Fusion.Ranked::match).toList();
			});
			Set<UUID> relevant = l.question().relevantDocumentIds();
			ndcg += ndcgAt10(ranking, relevant);
			recall += recallAt(ranking, relevant, 100);
			mrr += mrrAt10(ranking, relevant);
		}
		int n = Math.max(1, lists.size());
		return new Variant(mode, tuning, ndcg / n, recall / n, mrr / n);
	}

	/** Distinct documents in order of their best chunk. */
	public static List<UUID> documents(List<ChunkMatch> matches) {
		Set<UUID> seen = new LinkedHashSet<>();
		for (ChunkMatch m : matches) {
			seen.add(m.chunk().documentId());
		}
		return List.copyOf(seen);
	}

	public static double ndcgAt10(List<UUID> ranking, Set<UUID> relevant) {
		double dcg = 0;
		for (int i = 0; i < Math.min(10, ranking.size()); i++) {
			if (relevant.contains(ranking.get(i))) {
				dcg += 1 / log2(i + 2);
			}
		}
		double ideal = 0;
		for (int i = 0; i < Math.min(10, relevant.size()); i++) {
			ideal += 1 / log2(i + 2);
		}
		return ideal == 0 ? 0 : dcg / ideal;
	}

	public static double recallAt(List<UUID> ranking, Set<UUID> relevant, int k) {
		if (relevant.isEmpty()) {
			return 0;
		}
		long found = ranking.stream().limit(k).filter(relevant::contains).count();
		return (double) found / relevant.size();
	}

	public static double mrrAt10(List<UUID> ranking, Set<UUID> relevant) {
		for (int i = 0; i < Math.min(10, ranking.size()); i++) {
			if (relevant.contains(ranking.get(i))) {
				return 1.0 / (i + 1);
			}
		}
		return 0;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}
}
