package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;
import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;

class ChunkerTest {

	/** One token per whitespace-separated word. */
	static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

	private static final ChunkingSettings SMALL = new ChunkingSettings(50, 10);

	private static List<Chunk> chunk(ExtractedDocument document, TokenCounter counter, ChunkingSettings settings) {
		List<Chunk> chunks = new Chunker(counter, settings).chunk(document);
		for (Chunk chunk : chunks) {
			assertThat(document.text().substring(chunk.startOffset(), chunk.endOffset())).isEqualTo(chunk.text());
			assertThat(chunk.tokenCount()).isEqualTo(counter.count(chunk.text())).isLessThanOrEqualTo(settings.maxTokens());
			assertThat(chunk.contentHash()).isEqualTo(Chunker.sha256(chunk.text())).hasSize(64);
			assertThat(chunk.text()).isNotBlank().isEqualTo(chunk.text().strip());
		}
		assertThat(chunks).extracting(Chunk::ordinal).containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
		assertEveryWordCovered(document.text(), chunks);
		return chunks;
	}

	private static void assertEveryWordCovered(String text, List<Chunk> chunks) {
		boolean[] covered = new boolean[text.length()];
		chunks.forEach(c -> java.util.Arrays.fill(covered, c.startOffset(), c.endOffset(), true));
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				assertThat(covered[i]).as("character %d (%s) is in a chunk", i, text.charAt(i)).isTrue();
			}
		}
	}

	private static ExtractedDocument plain(String text) {
		return new ExtractedDocument(text, "text/plain", null, List.of(), List.of());
	}

	/** Sentences of {@code words} words each, deterministic pseudo-random vocabulary. */
	private static String sentences(Random random, int count, int words) {
		List<String> result = new ArrayList<>();
		for (int s = 0; s < count; s++) {
			List<String> sentence = new ArrayList<>();
			for (int w = 0; w < words; w++) {
				sentence.add("w" + random.nextInt(1000));
			}
			String joined = String.join(" ", sentence);
			result.add(Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".");
		}
		return String.join(" ", result);
	}

	/** Builds text with headings from lines; a line "#2 Title" is a level-2 heading. */
	private static ExtractedDocument withHeadings(String... blocks) {
		StringBuilder text = new StringBuilder();
		List<Heading> headings = new ArrayList<>();
		for (String block : blocks) {
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			if (block.startsWith("#")) {
				String title = block.substring(3);
				headings.add(new Heading(block.charAt(1) - '0', title, text.length()));
				text.append(title);
			}
			else {
				text.append(block);
			}
		}
		return new ExtractedDocument(text.toString(), "text/markdown", null, List.of(), headings);
	}

	@Test
	void neverExceedsTheBudgetAndOverlaps() {
		String text = sentences(new Random(1), 60, 12) + "\n\n" + sentences(new Random(2), 40, 7);

		List<Chunk> chunks = chunk(plain(text), WORDS, SMALL);

		assertThat(chunks).hasSizeGreaterThan(10);
		assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isBetween(1, 50));
		for (int i = 1; i < chunks.size(); i++) {
			Chunk previous = chunks.get(i - 1);
			Chunk next = chunks.get(i);
			assertThat(next.startOffset()).as("chunk %d overlaps chunk %d", i, i - 1)
				.isGreaterThan(previous.startOffset())
				.isLessThan(previous.endOffset());
			String repeated = text.substring(next.startOffset(), previous.endOffset());
			assertThat(WORDS.count(repeated)).isBetween(1, 10);
		}
	}

	@Test
	void overlapStartsAtASentenceWhenOneIsNearTheCut() {
		String text = sentences(new Random(3), 30, 8);

		List<Chunk> chunks = chunk(plain(text), WORDS, SMALL);

		assertThat(chunks).hasSizeGreaterThan(5);
		for (int i = 1; i < chunks.size(); i++) {
			assertThat(chunks.get(i).text()).as("chunk %d starts a sentence", i).matches("^W.*");
			assertThat(chunks.get(i).startOffset()).as("chunk %d overlaps", i).isLessThan(chunks.get(i - 1).endOffset());
			assertThat(chunks.get(i - 1).text()).endsWith(".");
		}
	}

	@Test
	void aHugeParagraphWithoutPunctuationIsSplitBetweenWords() {
		String text = IntStream.range(0, 1_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

		List<Chunk> chunks = chunk(plain(text), WORDS, SMALL);

		assertThat(chunks).hasSizeGreaterThanOrEqualTo(1_000 / 50);
		assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(50));
		assertThat(chunks.getFirst().text()).startsWith("word0 word1 ");
		assertThat(chunks.getLast().text()).endsWith("word999");
	}

	@Test
	void aSingleEnormousWordIsSplitBetweenCharacters() {
		TokenCounter fourCharsPerToken = text -> (text.strip().length() + 3) / 4;
		String text = "x".repeat(1_000);

		List<Chunk> chunks = chunk(plain(text), fourCharsPerToken, new ChunkingSettings(50, 0));

		assertThat(chunks).hasSize(5).allSatisfy(c -> assertThat(c.text()).hasSize(200));
	}

	@Test
	void prefersParagraphEndsOverSentenceEnds() {
		Random random = new Random(4);
		List<String> paragraphs = IntStream.range(0, 12).mapToObj(i -> sentences(random, 3, 10)).toList();
		String text = String.join("\n\n", paragraphs);

		List<Chunk> chunks = chunk(plain(text), WORDS, new ChunkingSettings(50, 0));

		assertThat(chunks).allSatisfy(c -> assertThat(paragraphs).anySatisfy(p -> assertThat(c.text()).endsWith(p)));
		assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isIn(30));
	}

	@Test
	void headingsStartChunksAndGiveTheirPath() {
		ExtractedDocument document = withHeadings("Preface text before any heading.", "#1 Guide", "Guide intro.",
				"#2 Install", "Install steps.", "#3 Linux", "Use apt.", "#2 Use", "Open it.", "#1 Appendix",
				"Extra notes.");

		List<Chunk> chunks = chunk(document, WORDS, ChunkingSettings.DEFAULTS);

		assertThat(chunks).extracting(Chunk::text)
			.containsExactly("Preface text before any heading.", "Guide\n\nGuide intro.", "Install\n\nInstall steps.",
					"Linux\n\nUse apt.", "Use\n\nOpen it.", "Appendix\n\nExtra notes.");
		assertThat(chunks).extracting(Chunk::headingPath)
			.containsExactly(List.of(), List.of("Guide"), List.of("Guide", "Install"), List.of("Guide", "Install", "Linux"),
					List.of("Guide", "Use"), List.of("Appendix"));
		assertThat(chunks).allSatisfy(c -> assertThat(c.page()).isNull());
	}

	@Test
	void aHeadingWithoutTextJoinsTheSectionNestedBelowIt() {
		ExtractedDocument document = withHeadings("#1 Chapter 2", "#2 Scope", "What is covered.", "#2 Empty",
				"#1 Next", "Body.");

		List<Chunk> chunks = chunk(document, WORDS, ChunkingSettings.DEFAULTS);

		assertThat(chunks).extracting(Chunk::text).containsExactly("Chapter 2\n\nScope\n\nWhat is covered.", "Empty",
				"Next\n\nBody.");
		assertThat(chunks.getFirst().headingPath()).containsExactly("Chapter 2", "Scope");
	}

	@Test
	void chunksKnowTheirPageAndPreferToStartAtPageBreaks() {
		Random random = new Random(5);
		List<String> pageTexts = IntStream.range(0, 3).mapToObj(i -> sentences(random, 4, 10)).toList();
		StringBuilder text = new StringBuilder();
		List<Page> pages = new ArrayList<>();
		for (int i = 0; i < pageTexts.size(); i++) {
			int start = text.length();
			text.append(pageTexts.get(i)).append(i + 1 < pageTexts.size() ? "\n\n" : "");
			pages.add(new Page(i + 1, start, text.length()));
		}
		ExtractedDocument document = new ExtractedDocument(text.toString(), "application/pdf", null, pages, List.of());

		List<Chunk> chunks = chunk(document, WORDS, new ChunkingSettings(60, 10));

		assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2, 3);
		assertThat(chunks).extracting(Chunk::text).containsExactlyElementsOf(pageTexts);
	}

	@Test
	void pagesOfAnExtractedPdf() {
		byte[] pdf = SampleDocuments.pdf("Pages", List.of(List.of("Alpha page text."), List.of("Beta page text."),
				List.of("Gamma page text.")));
		ExtractedDocument document = new TextNormalizer().normalize(
				new TikaExtractor().extract(new ByteArrayInputStream(pdf), "application/pdf", ExtractionLimits.DEFAULTS));

		List<Chunk> chunks = chunk(document, WORDS, new ChunkingSettings(4, 1));

		assertThat(chunks).extracting(Chunk::text).containsExactly("Alpha page text.", "Beta page text.", "Gamma page text.");
		assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2, 3);
	}

	@Test
	void sameTextSameChunks() {
		ExtractedDocument document = withHeadings("#1 A", sentences(new Random(6), 40, 9), "#1 B",
				sentences(new Random(7), 25, 11));

		assertThat(chunk(document, WORDS, SMALL)).isEqualTo(chunk(document, WORDS, SMALL));
	}

	@Test
	void editingOneSectionKeepsTheHashesOfTheOthers() {
		String a = sentences(new Random(8), 30, 9);
		String b = sentences(new Random(9), 30, 9);
		String c = sentences(new Random(10), 30, 9);
		ExtractedDocument before = withHeadings("#1 A", a, "#1 B", b, "#1 C", c);
		ExtractedDocument after = withHeadings("#1 A", a, "#1 B", "An inserted opening sentence. " + b, "#1 C", c);

		List<Chunk> first = chunk(before, WORDS, SMALL);
		List<Chunk> second = chunk(after, WORDS, SMALL);

		assertThat(hashes(second, "A")).isEqualTo(hashes(first, "A")).isNotEmpty();
		assertThat(hashes(second, "C")).isEqualTo(hashes(first, "C")).isNotEmpty();
		assertThat(hashes(second, "B")).doesNotContainAnyElementsOf(hashes(first, "B").subList(0, 1));
		Set<String> unchanged = new HashSet<>(hashes(first, "A"));
		unchanged.addAll(hashes(first, "C"));
		assertThat(second.stream().map(Chunk::contentHash).filter(unchanged::contains)).hasSize(unchanged.size());
	}

	private static List<String> hashes(List<Chunk> chunks, String section) {
		return chunks.stream().filter(c -> c.headingPath().equals(List.of(section))).map(Chunk::contentHash).toList();
	}

	@Test
	void budgetIncludesTheTokenizersFixedTokensAndSurvivesNonAdditiveCounting() {
		// like BERT: [CLS] and [SEP] on every input, and punctuation as tokens of its own
		TokenCounter bertLike = text -> 2 + (text.isBlank() ? 0 : text.strip().split("\\s+|(?=[.,])").length);
		String text = sentences(new Random(11), 50, 10).replace(" w1", ", w1");

		List<Chunk> chunks = chunk(plain(text), bertLike, new ChunkingSettings(40, 8));

		assertThat(chunks).allSatisfy(c -> assertThat(bertLike.count(c.text())).isLessThanOrEqualTo(40));
		assertThat(chunks).anySatisfy(c -> assertThat(c.tokenCount()).isGreaterThan(30));
	}

	@Test
	void budgetHoldsWhenTheTokenizerCountsMoreForAWholeThanForItsParts() {
		// a sentence boundary inside the text costs two tokens more, so adding up sentences underestimates
		TokenCounter joinsCost = text -> WORDS.count(text) + 2 * (text.strip().split("\\. ", -1).length - 1);
		String text = sentences(new Random(12), 80, 6);

		List<Chunk> chunks = chunk(plain(text), joinsCost, new ChunkingSettings(60, 10));

		assertThat(chunks).hasSizeGreaterThan(10);
		assertThat(chunks).allSatisfy(c -> assertThat(joinsCost.count(c.text())).isLessThanOrEqualTo(60));
	}

	@Test
	void blankDocumentHasNoChunks() {
		assertThat(new Chunker(WORDS, SMALL).chunk(plain(""))).isEmpty();
	}
}
