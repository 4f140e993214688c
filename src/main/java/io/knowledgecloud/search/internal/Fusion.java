package io.knowledgecloud.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.search.spi.ChunkMatch;

/**
 * Fuses the keyword and vector lists into one ranking. It runs in our code, not in the engine, so
 * every index adapter ranks alike.
 */
public final class Fusion {

	private Fusion() {
	}

	/** A candidate with where it came from. Ranks are 1-based; {@code null} = not in that list. */
	public record Ranked(ChunkMatch match, @Nullable Integer keywordRank, @Nullable Double keywordScore,
			@Nullable Integer vectorRank, @Nullable Double vectorScore, double score, @Nullable Double rerankScore) {

		UUID chunkId() {
			return match.chunk().chunkId();
		}

		Ranked rescored(double rerank) {
			return new Ranked(match, keywordRank, keywordScore, vectorRank, vectorScore, score, rerank);
		}
	}

	/** One list as it is. */
	static List<Ranked> single(List<ChunkMatch> matches, boolean keyword) {
		List<Ranked> out = new ArrayList<>(matches.size());
		for (int i = 0; i < matches.size(); i++) {
			ChunkMatch m = matches.get(i);
			out.add(keyword ? new Ranked(m, i + 1, (double) m.score(), null, null, m.score(), null)
					: new Ranked(m, null, null, i + 1, (double) m.score(), m.score(), null));
		}
		return out;
	}

	/** Both lists fused by {@code tuning}, chunk by chunk, best first; ties broken by chunk id for stable pages. */
	static List<Ranked> fuse(List<ChunkMatch> keyword, List<ChunkMatch> vector, SearchTuning tuning) {
		List<Ranked> fused = new ArrayList<>(fuse(keyword, vector, tuning, m -> m.chunk().chunkId()).values());
		fused.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::chunkId));
		return fused;
	}

	/**
	 * Both lists fused document by document, for results collapsed to documents: each list keeps a
	 * document's best chunk (the first in its order, the highest score), those per-document lists are
	 * scaled and fused by document id, and the chunk-level fusion is then ordered by its documents'
	 * fused scores (a document's own chunks in their fused order). Fused chunk by chunk, a document
	 * whose best keyword chunk and best vector chunk differ would only count the larger of its two
	 * parts; here it gets both, as a search over whole documents would give it.
	 */
	static List<Ranked> fuseByDocument(List<ChunkMatch> keyword, List<ChunkMatch> vector, SearchTuning tuning) {
		Map<UUID, Ranked> byDocument = fuse(best(keyword), best(vector), tuning, m -> m.chunk().documentId());
		List<Ranked> chunks = fuse(keyword, vector, tuning);
		List<Ranked> out = new ArrayList<>(chunks.size());
		for (Ranked r : chunks) {
			double documentScore = byDocument.get(r.match().chunk().documentId()).score();
			out.add(new Ranked(r.match(), r.keywordRank(), r.keywordScore(), r.vectorRank(), r.vectorScore(),
					documentScore, null));
		}
		// a stable sort: a document's chunks keep their fused order
		out.sort(Comparator.comparingDouble(Ranked::score).reversed()
			.thenComparing((Ranked r) -> r.match().chunk().documentId()));
		return out;
	}

	/** The first (best) match of each document, in the list's order. */
	private static List<ChunkMatch> best(List<ChunkMatch> matches) {
		Map<UUID, ChunkMatch> first = new LinkedHashMap<>();
		for (ChunkMatch m : matches) {
			first.putIfAbsent(m.chunk().documentId(), m);
		}
		return List.copyOf(first.values());
	}

	/** Fused scores by {@code key}; the keyword list's match represents a key found in both lists. */
	private static Map<UUID, Ranked> fuse(List<ChunkMatch> keyword, List<ChunkMatch> vector, SearchTuning tuning,
			Function<ChunkMatch, UUID> key) {
		Map<UUID, Ranked> byKey = new LinkedHashMap<>();
		boolean rrf = tuning.fusion().equals("rrf");
		double kw = tuning.keywordWeight();
		double[] kwNorm = rrf ? null : minMax(keyword);
		double[] vecNorm = rrf ? null : minMax(vector);
		for (int i = 0; i < keyword.size(); i++) {
			ChunkMatch m = keyword.get(i);
			double part = rrf ? 2 * kw / (tuning.rrfK() + i + 1) : kw * kwNorm[i];
			byKey.put(key.apply(m), new Ranked(m, i + 1, (double) m.score(), null, null, part, null));
		}
		for (int i = 0; i < vector.size(); i++) {
			ChunkMatch m = vector.get(i);
			double part = rrf ? 2 * (1 - kw) / (tuning.rrfK() + i + 1) : (1 - kw) * vecNorm[i];
			Ranked seen = byKey.get(key.apply(m));
			byKey.put(key.apply(m), seen == null
					? new Ranked(m, null, null, i + 1, (double) m.score(), part, null)
					: new Ranked(seen.match(), seen.keywordRank(), seen.keywordScore(), i + 1, (double) m.score(),
							seen.score() + part, null));
		}
		return byKey;
	}

	/** Scores scaled to [0, 1] within the list (all 1 when they are equal). */
	static double[] minMax(List<ChunkMatch> matches) {
		double[] out = new double[matches.size()];
		if (matches.isEmpty()) {
			return out;
		}
		double max = Double.NEGATIVE_INFINITY;
		double min = Double.POSITIVE_INFINITY;
		for (ChunkMatch m : matches) {
			max = Math.max(max, m.score());
			min = Math.min(min, m.score());
		}
		for (int i = 0; i < out.length; i++) {
			out[i] = max == min ? 1 : (matches.get(i).score() - min) / (max - min);
		}
		return out;
	}
}
