package io.knowledgecloud.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;
import io.knowledgecloud.ingest.internal.Sections.Section;
import io.knowledgecloud.ingest.internal.Segmenter.Boundary;
import io.knowledgecloud.ingest.internal.Segmenter.Segment;

/**
 * Cuts a normalised document into chunks of at most {@link ChunkingSettings#maxTokens()} tokens.
 *
 * <p><b>Structure first.</b> The document is cut at every heading ({@link Sections}); chunks never
 * span two sections, so editing one section leaves the chunks — and content hashes — of every
 * other section unchanged, and a new version re-embeds only what changed. Inside a section,
 * sentences ({@link Segmenter}) are packed greedily. When the next one does not fit, the chunk
 * ends at the strongest boundary in its second half: a page break, then a paragraph end, a
 * sentence end, a line end, a word. A page break also ends a chunk that is already half full, so
 * chunks tend to start where pages start.
 *
 * <p><b>Overlap.</b> The next chunk repeats up to {@link ChunkingSettings#overlapTokens()} of the
 * end of the previous one, starting at a word, or at a sentence when one starts early enough in
 * that stretch. Not after a page-break cut: a chunk that starts at a page starts on that page.
 *
 * <p><b>Budget.</b> Sentence token counts are added up to fill a chunk, then the finished chunk
 * is counted once more as a whole, and shortened if the tokenizer disagrees with the sum, so the
 * budget holds for any tokenizer. Everything is a pure function of the text and the structure:
 * the same input always yields the same chunks. Offsets index into the normalised text.
 */
final class Chunker {

	private final TokenCounter counter;
	private final ChunkingSettings settings;
	private final int overhead;

	Chunker(TokenCounter counter, ChunkingSettings settings) {
		this.counter = counter;
		this.settings = settings;
		this.overhead = counter.count("");
		if (overhead >= settings.maxTokens()) {
			throw new IllegalArgumentException("the tokenizer's fixed overhead exceeds the chunk budget");
		}
	}

	List<Chunk> chunk(ExtractedDocument document) {
		String text = document.text();
		Segmenter segmenter = new Segmenter(text, counter, settings.maxTokens());
		List<Integer> pageStarts = document.pages().stream().map(Page::start).toList();
		List<Chunk> chunks = new ArrayList<>();
		for (Section section : Sections.of(document)) {
			List<Segment> segments = segmenter.split(section.start(), section.end(), pageStarts);
			new Packing(document, section, segments, chunks).run();
		}
		return chunks;
	}

	/** Packs the segments of one section into chunks, appending them to {@code out}. */
	private final class Packing {

		private final ExtractedDocument document;
		private final String text;
		private final Section section;
		private final List<Segment> segments;
		private final List<Chunk> out;
		private final int budget = settings.maxTokens();
		private final Overlap overlap;

		Packing(ExtractedDocument document, Section section, List<Segment> segments, List<Chunk> out) {
			this.document = document;
			this.text = document.text();
			this.section = section;
			this.segments = segments;
			this.out = out;
			this.overlap = new Overlap(text, counter, settings.overlapTokens(), overhead);
		}

		void run() {
			int first = 0;
			int overlapStart = -1;
			int overlapTokens = 0;
			while (first < segments.size()) {
				if (overlapStart >= 0 && overhead + overlapTokens + segments.get(first).tokens() > budget) {
					overlapStart = -1;
					overlapTokens = 0;
				}
				int start = overlapStart >= 0 ? overlapStart : segments.get(first).start();
				int end = pack(first, overhead + overlapTokens);
				while (true) {
					String chunkText = text.substring(start, segments.get(end - 1).end());
					int tokens = counter.count(chunkText);
					if (tokens <= budget) {
						out.add(chunk(chunkText, start, segments.get(end - 1).end(), tokens));
						break;
					}
					if (end - 1 > first) {
						end--;
					}
					else if (start != segments.get(first).start()) {
						start = segments.get(first).start();
					}
					else {
						throw new IllegalStateException("a segment that fits alone does not fit: " + chunkText);
					}
				}
				overlapStart = -1;
				overlapTokens = 0;
				if (end < segments.size() && segments.get(end).before() != Boundary.PAGE && settings.overlapTokens() > 0) {
					int[] repeated = overlap.find(start, segments.get(end - 1).end(), segments.subList(first, end));
					overlapStart = repeated[0];
					overlapTokens = repeated[1];
				}
				first = end;
			}
		}

		/** The end (exclusive) of the segments that make the next chunk, from {@code first}. */
		private int pack(int first, int initialTokens) {
			int tokens = initialTokens;
			int[] filled = new int[segments.size() + 1];
			int next = first;
			while (next < segments.size()) {
				Segment segment = segments.get(next);
				boolean halfFull = tokens - overhead >= budget / 2;
				if (next > first && segment.before() == Boundary.PAGE && halfFull) {
					return next;
				}
				if (next > first && tokens + segment.tokens() > budget) {
					return bestCut(first, next, filled);
				}
				tokens += segment.tokens();
				filled[next + 1] = tokens - overhead;
				next++;
			}
			return next;
		}

		/** Among cuts in {@code (first, limit]} leaving the chunk at least half full, the strongest, latest. */
		private int bestCut(int first, int limit, int[] filled) {
			int best = limit;
			for (int cut = limit - 1; cut > first; cut--) {
				if (filled[cut] >= budget / 2
						&& segments.get(cut).before().compareTo(segments.get(best).before()) > 0) {
					best = cut;
				}
			}
			return best;
		}

		private Chunk chunk(String chunkText, int start, int end, int tokens) {
			return new Chunk(out.size(), chunkText, start, end, document.pageAt(start), section.headingPath(), tokens,
					sha256(chunkText));
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}
