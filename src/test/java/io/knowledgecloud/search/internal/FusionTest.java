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
	void documentFusionGivesADocumentBothPartsWhenItsBestChunksDiffer() {
		UUID d = UUID.randomUUID();
		ChunkMatch d1 = match("d1", d, 10);
		ChunkMatch d2 = match("d2", d, 1);
		UUID e = UUID.randomUUID();
		UUID f = UUID.randomUUID();
		List<ChunkMatch> keyword = List.of(d1, match("e1", e, 7.5f), match("f1", f, 0));
		List<ChunkMatch> vector = List.of(d2, match("e1", e, 0.75f), match("f1", f, 0));
		var tuning = new SearchTuning("weighted", 60, 0.5);
		// chunk by chunk: e1 0.5*0.75 + 0.5*0.75 = 0.75 beats d1 and d2 (0.5 each)
		assertThat(Fusion.fuse(keyword, vector, tuning).getFirst().chunkId()).isEqualTo(id("e1"));
		// document by document: d = 0.5*1 + 0.5*1 = 1.0 beats e (0.75); d's chunks come first, then e1, f1
		List<Fusion.Ranked> fused = Fusion.fuseByDocument(keyword, vector, tuning);
		assertThat(fused).extracting(r -> r.match().chunk().documentId()).containsExactly(d, d, e, f);
		assertThat(fused).extracting(Fusion.Ranked::score).containsExactly(1.0, 1.0, 0.75, 0.0);
		assertThat(fused.subList(0, 2)).extracting(Fusion.Ranked::chunkId).containsExactlyInAnyOrder(id("d1"), id("d2"));
		assertThat(fused.get(2).keywordRank()).isEqualTo(2);
		assertThat(fused.get(2).vectorRank()).isEqualTo(2);
	}

	@Test
	void documentFusionByRanksCountsEachDocumentOncePerList() {
		UUID d = UUID.randomUUID();
		UUID e = UUID.randomUUID();
		// d holds ranks 1 and 2 of the keyword list: by document it is rank 1 there, e rank 2
		List<ChunkMatch> keyword = List.of(match("d1", d, 9), match("d2", d, 8), match("e1", e, 7));
		List<ChunkMatch> vector = List.of(match("e1", e, 0.9f));
		List<Fusion.Ranked> fused = Fusion.fuseByDocument(keyword, vector, new SearchTuning("rrf", 10, 0.5));
		// e: 1/(10+2) + 1/(10+1) beats d: 1/(10+1)
		assertThat(fused.getFirst().match().chunk().documentId()).isEqualTo(e);
		assertThat(fused.getFirst().score()).isCloseTo(1.0 / 12 + 1.0 / 11, within(1e-9));
		assertThat(fused.get(1).score()).isCloseTo(1.0 / 11, within(1e-9));
	}

	@Test
	void minMaxOfEqualScoresIsOne() {
		assertThat(Fusion.minMax(List.of(match("x", 3), match("y", 3)))).containsExactly(1, 1);
		assertThat(Fusion.minMax(List.of())).isEmpty();
	}

	private static ChunkMatch match(String name, float score) {
		return match(name, UUID.randomUUID(), score);
	}

	private static UUID id(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes());
	}

	private static ChunkMatch match(String name, UUID documentId, float score) {
		UUID id = id(name);
		return new ChunkMatch(new IndexedChunk(id, UUID.randomUUID(), documentId, 1, 0, name, List.of(), null, 0,
				1, name, 0, name, new float[0], "m", List.of(), null, "text/plain", Instant.EPOCH, Set.of()), score);
	}
}
