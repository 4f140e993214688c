package io.knowledgecloud.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the embedding model reads for a chunk: the document's title and the chunk's heading path
 * in front of its text, so that a passage from the middle of a long document still says what the
 * document and section are about ("contextual chunk headers"). A part the chunk already begins with
 * (the first chunk usually starts with the title) is not repeated. The index stores the chunk's own
 * text; only its vector is made from this.
 */
final class ChunkContext {

	/** Headers longer than this are cut: the header must not crowd the chunk out of the model's window. */
	static final int MAX_HEADER_CHARS = 300;
	/** A part found this close to the start of the chunk is already in it. */
	private static final int LOOK_AHEAD = 400;

	private ChunkContext() {
	}

	/**
	 * What the model reads for a chunk and the embedding cache key of that text: the chunk's own
	 * content hash when it is the chunk's text alone, else the hash of the text with its header.
	 */
	record Input(String text, String key) {
	}

	/** The chunk with its header in front, when it gets one. */
	static Input of(String title, Chunk chunk) {
		String text = embeddingInput(title, chunk);
		return text.equals(chunk.text()) ? bare(chunk) : new Input(text, Chunker.sha256(text));
	}

	/** The chunk's text alone ({@code kc.ingest.embed-context=false}). */
	static Input bare(Chunk chunk) {
		return new Input(chunk.text(), chunk.contentHash());
	}

	static String embeddingInput(String title, Chunk chunk) {
		String head = chunk.text().substring(0, Math.min(chunk.text().length(), LOOK_AHEAD)).toLowerCase(Locale.ROOT);
		List<String> parts = new ArrayList<>();
		for (String part : header(title, chunk.headingPath())) {
			String p = part.strip();
			if (!p.isEmpty() && !head.contains(p.toLowerCase(Locale.ROOT))
					&& parts.stream().noneMatch(q -> q.equalsIgnoreCase(p))) {
				parts.add(p);
			}
		}
		if (parts.isEmpty()) {
			return chunk.text();
		}
		String header = String.join(" > ", parts);
		if (header.length() > MAX_HEADER_CHARS) {
			header = header.substring(0, MAX_HEADER_CHARS);
		}
		return header + "\n\n" + chunk.text();
	}

	private static List<String> header(String title, List<String> headingPath) {
		List<String> all = new ArrayList<>(headingPath.size() + 1);
		all.add(title);
		all.addAll(headingPath);
		return all;
	}
}
