package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexedChunk;

/** Reciprocal rank fusion and min-max weighted fusion, by hand-computed examples. */
class FusionTest {

	private final ChunkMatch a = match("a", 9);
	private final ChunkMatch b = match("b", 5);
	private final ChunkMatch c = match("c", 1);

	@Test
	void rrfAddsReciprocalRanksOfBothLists() {
		List<Fusion.Ranked> fused = Fusion.fuse(List.of(a, b), List.of(c, b), new SearchTuning("rrf", 10, 0.5));
		// b: 1/(10+2) + 1/(10+2) beats a: 1/11 and c: 1/11
		assertThat(fused.getFirst().chunkId()).isEqualTo(b.chunk().chunkId());
		assertThat(fused.getFirst().score()).isCloseTo(2.0 / 12, within(1e-9));
		assertThat(fused.getFirst().keywordRank()).isEqualTo(2);
		assertThat(fused.getFirst().vectorRank()).isEqualTo(2);
		assertThat(fused).hasSize(3);
	}

	@Test
	void rrfKeywordWeightShiftsTheBalance() {
		List<Fusion.Ranked> keywordHeavy = Fusion.fuse(List.of(a), List.of(c), new SearchTuning("rrf", 10, 0.9));
		assertThat(keywordHeavy.getFirst().chunkId()).isEqualTo(a.chunk().chunkId());
		List<Fusion.Ranked> vectorHeavy = Fusion.fuse(List.of(a), List.of(c), new SearchTuning("rrf", 10, 0.1));
		assertThat(vectorHeavy.getFirst().chunkId()).isEqualTo(c.chunk().chunkId());
	}

	@Test
	void weightedFusionNormalisesEachListToZeroOne() {
		ChunkMatch v1 = match("c", 0.9f);
		ChunkMatch v2 = match("b", 0.7f);
		List<Fusion.Ranked> fused = Fusion.fuse(List.of(a, b), List.of(v1, v2), new SearchTuning("weighted", 60, 0.5));
		// keyword: a=1, b=0; vector: c=1, b=0  -> a 0.5, c 0.5, b 0; tie broken by chunk id
		assertThat(fused).extracting(Fusion.Ranked::score).containsExactly(0.5, 0.5, 0.0);
		assertThat(fused.get(2).chunkId()).isEqualTo(b.chunk().chunkId());
	}

	@Test
	void minMaxOfEqualScoresIsOne() {
		assertThat(Fusion.minMax(List.of(match("x", 3), match("y", 3)))).containsExactly(1, 1);
		assertThat(Fusion.minMax(List.of())).isEmpty();
	}

	private static ChunkMatch match(String name, float score) {
		UUID id = UUID.nameUUIDFromBytes(name.getBytes());
		return new ChunkMatch(new IndexedChunk(id, UUID.randomUUID(), UUID.randomUUID(), 1, 0, name, List.of(), null, 0,
				1, name, 0, name, new float[0], "m", List.of(), null, "text/plain", Instant.EPOCH, Set.of()), score);
	}
}
