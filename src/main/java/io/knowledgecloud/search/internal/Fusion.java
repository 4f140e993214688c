package io.knowledgecloud.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

	/** Both lists fused by {@code tuning}, best first; ties broken by chunk id for stable pages. */
	static List<Ranked> fuse(List<ChunkMatch> keyword, List<ChunkMatch> vector, SearchTuning tuning) {
		Map<UUID, Ranked> byChunk = new LinkedHashMap<>();
		boolean rrf = tuning.fusion().equals("rrf");
		double kw = tuning.keywordWeight();
		double[] kwNorm = rrf ? null : minMax(keyword);
		double[] vecNorm = rrf ? null : minMax(vector);
		for (int i = 0; i < keyword.size(); i++) {
			ChunkMatch m = keyword.get(i);
			double part = rrf ? 2 * kw / (tuning.rrfK() + i + 1) : kw * kwNorm[i];
			byChunk.put(m.chunk().chunkId(), new Ranked(m, i + 1, (double) m.score(), null, null, part, null));
		}
		for (int i = 0; i < vector.size(); i++) {
			ChunkMatch m = vector.get(i);
			double part = rrf ? 2 * (1 - kw) / (tuning.rrfK() + i + 1) : (1 - kw) * vecNorm[i];
			Ranked seen = byChunk.get(m.chunk().chunkId());
			byChunk.put(m.chunk().chunkId(), seen == null
					? new Ranked(m, null, null, i + 1, (double) m.score(), part, null)
					: new Ranked(seen.match(), seen.keywordRank(), seen.keywordScore(), i + 1, (double) m.score(),
							seen.score() + part, null));
		}
		List<Ranked> fused = new ArrayList<>(byChunk.values());
		fused.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::chunkId));
		return fused;
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
