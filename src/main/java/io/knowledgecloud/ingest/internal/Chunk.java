package io.knowledgecloud.ingest.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One piece of a document's normalised text, small enough to embed.
 *
 * @param ordinal position among the document's chunks, from 0
 * @param text exactly {@code documentText.substring(startOffset, endOffset)}
 * @param page the page on which the chunk starts; {@code null} for formats without pages
 * @param headingPath the headings the chunk sits under, outermost first; empty before the first
 * @param tokenCount tokens of {@code text} by the model's tokenizer, never above the budget
 * @param contentHash SHA-256 of {@code text} (UTF-8), lower-case hex: the embedding cache key (the
 *        hash of what the model reads when {@link ChunkContext} puts a header in front), so an
 *        unchanged chunk of a new version is not embedded again
 */
record Chunk(int ordinal, String text, int startOffset, int endOffset, @Nullable Integer page,
		List<String> headingPath, int tokenCount, String contentHash) {

	Chunk {
		headingPath = List.copyOf(headingPath);
	}
}
