package io.knowledgecloud.search.spi;

/**
 * A chunk an index query found, with the engine's score (BM25, or the vector similarity mapped to
 * [0, 1] for nearest-neighbour queries). The chunk's {@code vector} is empty: matches do not load
 * vectors.
 */
public record ChunkMatch(IndexedChunk chunk, float score) {
}
