package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.KeywordQuery;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * What every {@link SearchIndex} adapter must do, as the embedded Lucene adapter does it. Each test
 * gets an empty index from {@link #newIndex()}; reads follow {@link SearchIndex#commit()}.
 */
abstract class SearchIndexContract {

	static final String GEN = "g1-test";
	static final float[] NORTH = TestChunk.unit(1, 0, 0, 0);

	final UUID ws = UUID.randomUUID();
	final UUID otherWs = UUID.randomUUID();
	final UUID alice = UUID.randomUUID();
	final UUID bob = UUID.randomUUID();
	SearchIndex index;

	/** A new, empty index; closed after the test when it is {@link AutoCloseable}. */
	abstract SearchIndex newIndex() throws Exception;

	@BeforeEach
	void open() throws Exception {
		index = newIndex();
	}

	@AfterEach
	void close() throws Exception {
		if (index instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	// ---- writes ----

	@Test
	void retriedReplaceNeverDuplicatesChunks() {
		UUID doc = UUID.randomUUID();
		List<IndexedChunk> chunks = List.of(TestChunk.of(ws, doc).ordinal(0).text("first part").build(),
				TestChunk.of(ws, doc).ordinal(1).text("second part").build());

		index.replaceDocument(GEN, ws, doc, chunks);
		index.replaceDocument(GEN, ws, doc, chunks);
		index.commit();
		// a re-run of ingestion makes new chunk ids for the same content
		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).ordinal(0).text("first part").build(),
				TestChunk.of(ws, doc).ordinal(1).text("second part").build()));
		index.replaceDocument(GEN, ws, doc, List.of(chunks.get(0), chunks.get(1)));
		index.commit();

		assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(2);
		assertThat(index.chunks(GEN, ws, doc)).extracting(IndexedChunk::chunkId)
			.containsExactly(chunks.get(0).chunkId(), chunks.get(1).chunkId());
		assertThat(keyword("part", IndexFilter.of(ws, null), 10)).hasSize(2);
	}

	@Test
	void concurrentReplacesOfOneDocumentLeaveOneWholeVersion() throws Exception {
		UUID doc = UUID.randomUUID();
		int writers = 4;
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				String run = "run" + w;
				done.add(pool.submit(() -> {
					for (int round = 0; round < 3; round++) {
						List<IndexedChunk> chunks = new ArrayList<>();
						for (int i = 0; i < 3; i++) {
							chunks.add(TestChunk.of(ws, doc).ordinal(i).text(run + " chunk " + i).build());
						}
						index.replaceDocument(GEN, ws, doc, chunks);
					}
				}));
			}
			for (var future : done) {
				future.get();
			}
		}
		index.commit();

		List<IndexedChunk> stored = index.chunks(GEN, ws, doc);
		assertThat(stored).hasSize(3);
		assertThat(stored).extracting(c -> c.text().split(" ")[0]).containsOnly(stored.getFirst().text().split(" ")[0]);
		assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(3);
	}

	@Test
	void replaceSwapsTheOldChunksForTheNewOnes() {
		UUID doc = UUID.randomUUID();
		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).ordinal(0).text("obsolete draft").build(),
				TestChunk.of(ws, doc).ordinal(1).text("obsolete appendix").build(),
				TestChunk.of(ws, doc).ordinal(2).text("obsolete index").build()));
		index.commit();
		IndexedChunk fresh = TestChunk.of(ws, doc).ordinal(0).text("final version").build();

		index.replaceDocument(GEN, ws, doc, List.of(fresh));
		index.commit();

		assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(1);
		assertThat(index.chunks(GEN, ws, doc)).extracting(IndexedChunk::chunkId).containsExactly(fresh.chunkId());
		assertThat(keyword("obsolete", IndexFilter.of(ws, null), 10)).isEmpty();
		assertThat(keyword("final", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().chunkId())
			.containsExactly(fresh.chunkId());
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 10)).hasSize(1);
	}

	@Test
	void replacingWithNoChunksEmptiesTheDocument() {
		UUID doc = UUID.randomUUID();
		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).text("short lived").build()));
		index.commit();

		index.replaceDocument(GEN, ws, doc, List.of());
		index.commit();

		assertThat(index.countChunks(GEN, ws, doc)).isZero();
		assertThat(keyword("short", IndexFilter.of(ws, null), 10)).isEmpty();
	}

	@Test
	void deleteRemovesOnlyThatDocument() {
		UUID gone = UUID.randomUUID();
		UUID kept = UUID.randomUUID();
		index.replaceDocument(GEN, ws, gone, List.of(TestChunk.of(ws, gone).text("shared topic").build(),
				TestChunk.of(ws, gone).ordinal(1).text("shared topic again").build()));
		index.replaceDocument(GEN, ws, kept, List.of(TestChunk.of(ws, kept).text("shared topic").build()));
		index.commit();

		index.deleteDocument(GEN, ws, gone);
		index.deleteDocument(GEN, ws, UUID.randomUUID());
		index.commit();

		assertThat(index.countChunks(GEN, ws, gone)).isZero();
		assertThat(index.chunks(GEN, ws, gone)).isEmpty();
		assertThat(index.countChunks(GEN, ws, kept)).isEqualTo(1);
		assertThat(keyword("topic", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().documentId())
			.containsExactly(kept);
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().documentId())
			.containsExactly(kept);
	}

	@Test
	void chunksComeBackInOrderWithEveryField() {
		UUID doc = UUID.randomUUID();
		IndexedChunk second = TestChunk.of(ws, doc)
			.ordinal(1)
			.version(3)
			.title("Field guide")
			.headings("Part I", "Chapter 2")
			.page(null)
			.text("Second chunk, with punctuation & unicode: café ½")
			.vector(TestChunk.unit(0.1f, -0.7f, 0.3f, 0.2f))
			.tags("alpha", "beta")
			.collection("handbooks")
			.mediaType("application/pdf")
			.created(Instant.parse("2023-12-31T23:59:59.999Z"))
			.allowed(alice, bob)
			.build();
		IndexedChunk first = TestChunk.of(ws, doc).ordinal(0).version(3).headings().page(7).build();
		IndexedChunk third = TestChunk.of(ws, doc).ordinal(2).version(3).vector(-0.5f, 0.5f, -0.5f, 0.5f).build();

		index.replaceDocument(GEN, ws, doc, List.of(third, first, second));
		index.commit();

		List<IndexedChunk> stored = index.chunks(GEN, ws, doc);
		assertThat(stored).hasSize(3);
		assertSameChunk(stored.get(0), first);
		assertSameChunk(stored.get(1), second);
		assertSameChunk(stored.get(2), third);
		assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(3);
	}

	@Test
	void unknownDocumentsAndGenerationsAreEmpty() {
		UUID doc = UUID.randomUUID();
		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).build()));
		index.commit();

		assertThat(index.countChunks(GEN, ws, UUID.randomUUID())).isZero();
		assertThat(index.countChunks(GEN, otherWs, doc)).isZero();
		assertThat(index.chunks(GEN, ws, UUID.randomUUID())).isEmpty();
		assertThat(index.countChunks("g9-never-written", ws, doc)).isZero();
		assertThat(index.chunks("g9-never-written", ws, doc)).isEmpty();
		assertThat(index.nearest("g9-never-written", NORTH, IndexFilter.of(ws, null), 5)).isEmpty();
		assertThat(index.keyword("g9-never-written", new KeywordQuery("words", false, 1, 1), IndexFilter.of(ws, null),
				5)).isEmpty();
	}

	@Test
	void generationsListsEveryWrittenGeneration() {
		UUID doc = UUID.randomUUID();
		index.replaceDocument("g1-model-a", ws, doc, List.of(TestChunk.of(ws, doc).build()));
		index.replaceDocument("g2-model-b", ws, doc, List.of(TestChunk.of(ws, doc).vector(0, 1, 0, 0, 0, 0, 0, 0).build()));
		index.commit();

		assertThat(index.generations()).contains("g1-model-a", "g2-model-b");
		assertThat(index.chunks("g2-model-b", ws, doc).getFirst().vector()).hasSize(8);
	}

	@Test
	void droppingAGenerationLeavesTheOthers() {
		UUID doc = UUID.randomUUID();
		index.replaceDocument("g1-old-model", ws, doc, List.of(TestChunk.of(ws, doc).text("old vectors").build()));
		index.replaceDocument("g1-old-model-2", ws, doc, List.of(TestChunk.of(ws, doc).text("look-alike").build()));
		index.commit();

		index.dropGeneration("g1-old-model");
		index.dropGeneration("g1-old-model"); // a no-op now
		index.dropGeneration("g9-never-written");

		assertThat(index.generations()).doesNotContain("g1-old-model").contains("g1-old-model-2");
		assertThat(index.countChunks("g1-old-model", ws, doc)).isZero();
		assertThat(index.countChunks("g1-old-model-2", ws, doc)).isEqualTo(1);
		// written again, it starts empty
		index.replaceDocument("g1-old-model", ws, doc, List.of(TestChunk.of(ws, doc).text("anew").build()));
		index.commit();
		assertThat(index.chunks("g1-old-model", ws, doc)).extracting(IndexedChunk::text).containsExactly("anew");
	}

	@Test
	void updateMetadataRewritesTitleTagsCollectionAndAccessButKeepsTextAndVectors() {
		UUID doc = UUID.randomUUID();
		IndexedChunk original = TestChunk.of(ws, doc)
			.title("Old name")
			.text("budget figures")
			.vector(TestChunk.unit(1, 2, 3, 4))
			.tags("draft")
			.collection("inbox")
			.build();
		index.replaceDocument(GEN, ws, doc, List.of(original));
		index.commit();

		index.updateMetadata(GEN, ws, doc, "Renamed annual plan", List.of("final", "finance"), "archive", Set.of(alice));
		index.commit();

		IndexedChunk updated = index.chunks(GEN, ws, doc).getFirst();
		assertThat(updated.title()).isEqualTo("Renamed annual plan");
		assertThat(updated.tags()).containsExactlyInAnyOrder("final", "finance");
		assertThat(updated.collection()).isEqualTo("archive");
		assertThat(updated.allowedUsers()).containsExactly(alice);
		assertThat(updated.text()).isEqualTo(original.text());
		assertThat(updated.vector()).containsExactly(original.vector());
		assertThat(updated.chunkId()).isEqualTo(original.chunkId());
		assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(1);
		// the new metadata is what filters and ranking see
		assertThat(keyword("annual", IndexFilter.of(ws, alice), 10)).hasSize(1);
		assertThat(keyword("budget", IndexFilter.of(ws, bob), 10)).isEmpty();
		assertThat(keyword("budget", filter(f -> f.tags(List.of("draft"))), 10)).isEmpty();
		assertThat(keyword("budget", filter(f -> f.tags(List.of("finance")).collections(List.of("archive"))), 10))
			.hasSize(1);

		index.updateMetadata(GEN, ws, doc, "Renamed annual plan", List.of(), null, Set.of());
		index.commit();
		assertThat(index.chunks(GEN, ws, doc).getFirst().allowedUsers()).isEmpty();
		assertThat(index.chunks(GEN, ws, doc).getFirst().collection()).isNull();
		assertThat(keyword("budget", IndexFilter.of(ws, bob), 10)).hasSize(1);
	}

	@Test
	void aMatchReadBeforeAChangeIsReadAgainAfterIt() {
		// adapters may keep matches they have read (the Lucene one does): never a stale one
		UUID doc = UUID.randomUUID();
		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).title("Old name").text("budget figures")
			.vector(NORTH).build()));
		index.commit();
		assertThat(keyword("budget", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().title())
			.containsExactly("Old name");
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().title())
			.containsExactly("Old name");

		index.updateMetadata(GEN, ws, doc, "New name", List.of("final"), null, Set.of());
		index.commit();
		assertThat(keyword("budget", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().title())
			.containsExactly("New name");
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().tags())
			.containsExactly(List.of("final"));

		index.replaceDocument(GEN, ws, doc, List.of(TestChunk.of(ws, doc).title("New name").text("budget revised")
			.vector(NORTH).build()));
		index.commit();
		assertThat(keyword("budget", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().text())
			.containsExactly("budget revised");
		index.deleteDocument(GEN, ws, doc);
		index.commit();
		assertThat(keyword("budget", IndexFilter.of(ws, null), 10)).isEmpty();
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 10)).isEmpty();
	}

	// ---- keyword ----

	@Test
	void keywordRanksTheChunkWithTheWordsFirst() {
		UUID relevant = UUID.randomUUID();
		UUID partial = UUID.randomUUID();
		UUID unrelated = UUID.randomUUID();
		index.replaceDocument(GEN, ws, relevant, List.of(TestChunk.of(ws, relevant)
			.text("Solar panels convert sunlight into electricity; solar panel efficiency depends on sunlight.")
			.build()));
		index.replaceDocument(GEN, ws, partial, List.of(TestChunk.of(ws, partial)
			.text("The kitchen gets afternoon sunlight through a large window.")
			.build()));
		index.replaceDocument(GEN, ws, unrelated, List.of(TestChunk.of(ws, unrelated)
			.text("Invoices are due thirty days after delivery.")
			.build()));
		index.commit();

		List<ChunkMatch> matches = keyword("solar panels sunlight", IndexFilter.of(ws, null), 10);

		assertThat(matches).extracting(m -> m.chunk().documentId()).containsExactly(relevant, partial);
		assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score()).isPositive();
		assertThat(matches.get(0).chunk().vector()).isEmpty();
		assertThat(matches.get(0).chunk().text()).startsWith("Solar panels");
		// English analysis: stems and stop words
		assertThat(keyword("converting the panel", IndexFilter.of(ws, null), 10)).extracting(m -> m.chunk().documentId())
			.containsExactly(relevant);
		assertThat(keyword("the of and", IndexFilter.of(ws, null), 10)).isEmpty();
		assertThat(keyword("sunlight", IndexFilter.of(ws, null), 1)).hasSize(1);
	}

	@Test
	void titleAndHeadingsCountWithTheirBoosts() {
		UUID inTitle = UUID.randomUUID();
		UUID inHeading = UUID.randomUUID();
		UUID inText = UUID.randomUUID();
		index.replaceDocument(GEN, ws, inTitle, List.of(TestChunk.of(ws, inTitle).title("Onboarding handbook")
			.text("first steps for new staff")
			.build()));
		index.replaceDocument(GEN, ws, inHeading, List.of(TestChunk.of(ws, inHeading).headings("Guides", "Onboarding")
			.text("first steps for new staff")
			.build()));
		index.replaceDocument(GEN, ws, inText, List.of(TestChunk.of(ws, inText)
			.text("onboarding takes a week, first steps for new staff")
			.build()));
		index.commit();
		IndexFilter all = IndexFilter.of(ws, null);

		assertThat(documents(index.keyword(GEN, new KeywordQuery("onboarding", false, 5, 0.1f), all, 10)))
			.startsWith(inTitle)
			.containsExactlyInAnyOrder(inTitle, inHeading, inText);
		assertThat(documents(index.keyword(GEN, new KeywordQuery("onboarding", false, 0.1f, 5), all, 10)))
			.startsWith(inHeading);
		// a zero weight leaves the field out of plain queries
		assertThat(documents(index.keyword(GEN, new KeywordQuery("onboarding", false, 0, 0), all, 10)))
			.containsExactly(inText);
		assertThat(documents(index.keyword(GEN, new KeywordQuery("onboarding", true, 5, 0.1f), all, 10)))
			.startsWith(inTitle)
			.containsExactlyInAnyOrder(inTitle, inHeading, inText);
	}

	@Test
	void advancedSyntaxHandlesPhrasesExclusionsAndPrefixes() {
		UUID phrase = UUID.randomUUID();
		UUID scattered = UUID.randomUUID();
		UUID excluded = UUID.randomUUID();
		index.replaceDocument(GEN, ws, phrase, List.of(TestChunk.of(ws, phrase)
			.text("The annual report covers revenue growth.")
			.build()));
		index.replaceDocument(GEN, ws, scattered, List.of(TestChunk.of(ws, scattered)
			.text("Growth was strong; the report is annual.")
			.build()));
		index.replaceDocument(GEN, ws, excluded, List.of(TestChunk.of(ws, excluded)
			.text("An annual report, confidential draft.")
			.build()));
		index.commit();
		IndexFilter all = IndexFilter.of(ws, null);

		assertThat(documents(advanced("\"annual report\"", all))).containsExactlyInAnyOrder(phrase, excluded);
		assertThat(documents(advanced("report -confidential", all))).containsExactlyInAnyOrder(phrase, scattered);
		assertThat(documents(advanced("\"annual report\" -confidential", all))).containsExactly(phrase);
		// terms are required by default
		assertThat(documents(advanced("annual growth revenue", all))).containsExactly(phrase);
		assertThat(documents(advanced("revenue | confidential", all))).containsExactlyInAnyOrder(phrase, excluded);
		assertThat(documents(advanced("(revenue | confidential) -draft", all))).containsExactly(phrase);
		assertThat(documents(advanced("confid*", all))).containsExactly(excluded);
		assertThat(documents(advanced("\"report annual\"~2", all))).containsExactlyInAnyOrder(phrase, scattered,
				excluded);
		// plain queries never parse syntax
		assertThat(documents(keyword("report -confidential", all, 10))).contains(excluded);
	}

	// ---- nearest ----

	@Test
	void nearestReturnsTheClosestVectorsFirstWithDotProductScores() {
		float[][] vectors = { TestChunk.unit(1, 0, 0, 0), TestChunk.unit(0.8f, 0.6f, 0, 0),
				TestChunk.unit(0, 1, 0, 0), TestChunk.unit(-0.6f, 0.8f, 0, 0), TestChunk.unit(-1, 0, 0, 0) };
		UUID doc = UUID.randomUUID();
		List<IndexedChunk> chunks = new ArrayList<>();
		for (int i = vectors.length - 1; i >= 0; i--) {
			chunks.add(TestChunk.of(ws, doc).ordinal(i).text("vector " + i).vector(vectors[i]).build());
		}
		index.replaceDocument(GEN, ws, doc, chunks);
		index.commit();

		List<ChunkMatch> matches = index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 5);

		assertThat(matches).extracting(m -> m.chunk().ordinal()).containsExactly(0, 1, 2, 3, 4);
		for (ChunkMatch match : matches) {
			double dot = TestChunk.dot(NORTH, vectors[match.chunk().ordinal()]);
			assertThat((double) match.score()).as("score of ordinal %d", match.chunk().ordinal())
				.isCloseTo((1 + dot) / 2, within(1e-4));
			assertThat(match.chunk().vector()).isEmpty();
			assertThat(match.chunk().text()).isEqualTo("vector " + match.chunk().ordinal());
		}
		assertThat(index.nearest(GEN, TestChunk.unit(0, 1, 0, 0), IndexFilter.of(ws, null), 2))
			.extracting(m -> m.chunk().ordinal())
			.containsExactly(2, 3);
		// more candidates explored, still only the best k returned, in the same order
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, null), 3, 50)).extracting(m -> m.chunk().ordinal())
			.containsExactly(0, 1, 2);
	}

	@Test
	void filteredNearestStillReturnsKWhenKChunksPassTheFilter() {
		Random random = new Random(42);
		UUID hidden = UUID.randomUUID();
		UUID visible = UUID.randomUUID();
		List<IndexedChunk> close = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			close.add(TestChunk.of(ws, hidden).ordinal(i).allowed(alice)
				.vector(TestChunk.unit(1, jitter(random), jitter(random), jitter(random)))
				.build());
		}
		List<IndexedChunk> far = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			far.add(TestChunk.of(ws, visible).ordinal(i)
				.vector(TestChunk.unit(-1, jitter(random), jitter(random), jitter(random)))
				.build());
		}
		index.replaceDocument(GEN, ws, hidden, close);
		index.replaceDocument(GEN, ws, visible, far);
		index.commit();

		List<ChunkMatch> forBob = index.nearest(GEN, NORTH, IndexFilter.of(ws, bob), 5);

		assertThat(forBob).hasSize(5).allSatisfy(m -> assertThat(m.chunk().documentId()).isEqualTo(visible));
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, bob), 20)).hasSize(8);
		assertThat(index.nearest(GEN, NORTH, IndexFilter.of(ws, alice), 5))
			.allSatisfy(m -> assertThat(m.chunk().documentId()).isEqualTo(hidden));
	}

	// ---- filters, each in keyword and nearest ----

	@Test
	void workspacesNeverSeeEachOther() {
		UUID mine = put(ws, c -> c);
		UUID theirs = put(otherWs, c -> c);

		assertBoth(IndexFilter.of(ws, null), mine);
		assertBoth(IndexFilter.of(otherWs, null), theirs);
		assertBoth(IndexFilter.of(UUID.randomUUID(), null));
	}

	@Test
	void accessListsApplyToAPrincipalAndNotToAdmins() {
		UUID open = put(ws, c -> c);
		UUID alicesOnly = put(ws, c -> c.allowed(alice));
		UUID aliceAndBob = put(ws, c -> c.allowed(alice, bob));

		assertBoth(IndexFilter.of(ws, alice), open, alicesOnly, aliceAndBob);
		assertBoth(IndexFilter.of(ws, bob), open, aliceAndBob);
		assertBoth(IndexFilter.of(ws, UUID.randomUUID()), open);
		assertBoth(IndexFilter.of(ws, null), open, alicesOnly, aliceAndBob);
	}

	@Test
	void tagsMatchAnyOf() {
		UUID ab = put(ws, c -> c.tags("a", "b"));
		UUID b = put(ws, c -> c.tags("b"));
		UUID cTag = put(ws, c -> c.tags("c"));
		UUID none = put(ws, c -> c);

		assertBoth(filter(f -> f.tags(List.of("a", "c"))), ab, cTag);
		assertBoth(filter(f -> f.tags(List.of("b"))), ab, b);
		assertBoth(filter(f -> f.tags(List.of("z"))));
		assertBoth(filter(f -> f), ab, b, cTag, none);
	}

	@Test
	void collectionsMatchAnyOf() {
		UUID x = put(ws, c -> c.collection("x"));
		UUID y = put(ws, c -> c.collection("y"));
		UUID none = put(ws, c -> c.collection(null));

		assertBoth(filter(f -> f.collections(List.of("x"))), x);
		assertBoth(filter(f -> f.collections(List.of("x", "y"))), x, y);
		assertBoth(filter(f -> f), x, y, none);
	}

	@Test
	void mediaTypesMatchAnyOf() {
		UUID pdf = put(ws, c -> c.mediaType("application/pdf"));
		UUID text = put(ws, c -> c.mediaType("text/plain"));
		UUID html = put(ws, c -> c.mediaType("text/html"));

		assertBoth(filter(f -> f.mediaTypes(List.of("application/pdf"))), pdf);
		assertBoth(filter(f -> f.mediaTypes(List.of("text/plain", "text/html"))), text, html);
	}

	@Test
	void createdRangeIncludesFromAndExcludesTo() {
		Instant t0 = Instant.parse("2022-01-01T00:00:00Z");
		Instant t1 = Instant.parse("2023-06-15T12:00:00.500Z");
		Instant t2 = Instant.parse("2024-12-31T23:59:59.999Z");
		UUID d0 = put(ws, c -> c.created(t0));
		UUID d1 = put(ws, c -> c.created(t1));
		UUID d2 = put(ws, c -> c.created(t2));

		assertBoth(filter(f -> f.from(t1)), d1, d2);
		assertBoth(filter(f -> f.to(t1)), d0);
		assertBoth(filter(f -> f.from(t0).to(t2)), d0, d1);
		assertBoth(filter(f -> f.from(t1).to(t1.plusMillis(1))), d1);
		assertBoth(filter(f -> f.from(t2.plusMillis(1))));
	}

	@Test
	void documentsAndExcludedDocumentsRestrictTheResults() {
		UUID d1 = put(ws, c -> c);
		UUID d2 = put(ws, c -> c);
		UUID d3 = put(ws, c -> c);

		assertBoth(IndexFilter.of(ws, null).withDocuments(Set.of(d1, d3)), d1, d3);
		assertBoth(IndexFilter.of(ws, null).excluding(Set.of(d2)), d1, d3);
		assertBoth(IndexFilter.of(ws, null).withDocuments(Set.of(d1, d2)).excluding(Set.of(d2)), d1);
		assertBoth(IndexFilter.of(ws, null).withDocuments(Set.of(UUID.randomUUID())));
	}

	@Test
	void allFiltersTogether() {
		UUID match = put(ws, c -> c.allowed(alice).tags("t").collection("c").mediaType("text/html"));
		put(ws, c -> c.allowed(bob).tags("t").collection("c").mediaType("text/html"));
		put(ws, c -> c.tags("other").collection("c").mediaType("text/html"));
		put(ws, c -> c.tags("t").collection("d").mediaType("text/html"));
		put(ws, c -> c.tags("t").collection("c").mediaType("text/plain"));
		put(ws, c -> c.tags("t").collection("c").mediaType("text/html").created(Instant.parse("2020-01-01T00:00:00Z")));
		UUID excluded = put(ws, c -> c.tags("t").collection("c").mediaType("text/html"));
		put(otherWs, c -> c.tags("t").collection("c").mediaType("text/html"));

		IndexFilter filter = new IndexFilter(ws, alice, List.of("t"), List.of("c"), List.of("text/html"),
				Instant.parse("2023-01-01T00:00:00Z"), null, Set.of(), Set.of(excluded));
		assertBoth(filter, match);
	}

	// ---- helpers ----

	/** One single-chunk document that every filter test query finds by word and by vector. */
	UUID put(UUID workspace, UnaryOperator<TestChunk> customise) {
		UUID doc = UUID.randomUUID();
		IndexedChunk chunk = customise.apply(TestChunk.of(workspace, doc).text("common ground for every filter"))
			.build();
		index.replaceDocument(GEN, workspace, doc, List.of(chunk));
		index.commit();
		return doc;
	}

	/** Keyword and nearest both find exactly {@code expected}. */
	void assertBoth(IndexFilter filter, UUID... expected) {
		assertThat(documents(keyword("common ground", filter, 50))).as("keyword with %s", filter)
			.containsExactlyInAnyOrder(expected);
		assertThat(documents(index.nearest(GEN, NORTH, filter, 50))).as("nearest with %s", filter)
			.containsExactlyInAnyOrder(expected);
	}

	IndexFilter filter(UnaryOperator<FilterBuilder> customise) {
		return customise.apply(new FilterBuilder(ws)).build();
	}

	List<ChunkMatch> keyword(String text, IndexFilter filter, int k) {
		return index.keyword(GEN, new KeywordQuery(text, false, 1.0f, 0.5f), filter, k);
	}

	List<ChunkMatch> advanced(String text, IndexFilter filter) {
		return index.keyword(GEN, new KeywordQuery(text, true, 1.0f, 0.5f), filter, 10);
	}

	static List<UUID> documents(List<ChunkMatch> matches) {
		return matches.stream().map(m -> m.chunk().documentId()).toList();
	}

	private static float jitter(Random random) {
		return (random.nextFloat() - 0.5f) * 0.2f;
	}

	static void assertSameChunk(IndexedChunk actual, IndexedChunk expected) {
		assertThat(actual).usingRecursiveComparison()
			.ignoringFields("vector", "allowedUsers", "tags")
			.isEqualTo(expected);
		assertThat(actual.vector()).as("vector").containsExactly(expected.vector());
		assertThat(actual.allowedUsers()).containsExactlyInAnyOrderElementsOf(expected.allowedUsers());
		assertThat(actual.tags()).containsExactlyElementsOf(expected.tags());
		assertThat(Arrays.equals(actual.vector(), expected.vector())).isTrue();
	}

	/** An {@link IndexFilter} in steps. */
	static final class FilterBuilder {

		private final UUID workspace;
		private List<String> tags = List.of();
		private List<String> collections = List.of();
		private List<String> mediaTypes = List.of();
		private Instant from;
		private Instant to;

		FilterBuilder(UUID workspace) {
			this.workspace = workspace;
		}

		FilterBuilder tags(List<String> tags) {
			this.tags = tags;
			return this;
		}

		FilterBuilder collections(List<String> collections) {
			this.collections = collections;
			return this;
		}

		FilterBuilder mediaTypes(List<String> mediaTypes) {
			this.mediaTypes = mediaTypes;
			return this;
		}

		FilterBuilder from(Instant from) {
			this.from = from;
			return this;
		}

		FilterBuilder to(Instant to) {
			this.to = to;
			return this;
		}

		IndexFilter build() {
			return new IndexFilter(workspace, null, tags, collections, mediaTypes, from, to, Set.of(), Set.of());
		}
	}
}
