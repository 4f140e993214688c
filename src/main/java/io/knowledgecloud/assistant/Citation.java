package io.knowledgecloud.assistant;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A checked citation: the marker {@code [n]} in the answer and the source span that supports it.
 *
 * @param number the marker's number
 * @param sentence the answer sentence that carries the marker
 * @param startOffset start of {@code quote} in the document's extracted text
 * @param endOffset end (exclusive) of {@code quote}
 * @param quote the source sentence that best supports {@code sentence}
 * @param support how well {@code quote} supports {@code sentence}, 0..1
 * @param supported whether {@code support} reached the threshold
 */
public record Citation(int number, String sentence, UUID documentId, int version, String title, @Nullable Integer page,
		UUID chunkId, int startOffset, int endOffset, String quote, double support, boolean supported) {
}
