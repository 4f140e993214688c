package io.knowledgecloud.search;

import java.util.UUID;

/**
 * A document similar to another one.
 *
 * @param score similarity in [0, 1] of the best-matching chunk to the source document's centroid
 * @param chunkId that best-matching chunk
 * @param snippet its opening text
 */
public record RelatedDocument(UUID documentId, String title, double score, UUID chunkId, String snippet) {
}
