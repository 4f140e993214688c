package io.knowledgecloud.ingest.internal;

/**
 * How big chunks are, in tokens of the embedding model.
 *
 * @param maxTokens hard upper bound of every chunk, including any tokens the model adds to each
 *        input; keep it below the model's window (bge-small: 510) so nothing is split or cut
 * @param overlapTokens how much of the end of a chunk the next one repeats, for context that
 *        straddles a cut; at most half of {@code maxTokens}. There is no overlap across a heading
 *        or a page break the chunker chose to cut at.
 */
record ChunkingSettings(int maxTokens, int overlapTokens) {

	static final ChunkingSettings DEFAULTS = new ChunkingSettings(400, 50);

	ChunkingSettings {
		if (maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be positive");
		}
		if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
			throw new IllegalArgumentException("overlapTokens must be between 0 and half of maxTokens");
		}
	}
}
