package io.knowledgecloud.ingest.internal;

import java.util.List;

/**
 * What ingestion gave the embedding model for a stored chunk ({@link ChunkContext}, with
 * {@code kc.ingest.embed-context} on, the default), for the benchmark's bare-model baseline.
 */
public final class EmbeddingInputs {

	private EmbeddingInputs() {
	}

	public static String of(String title, String text, List<String> headingPath) {
		return ChunkContext.embeddingInput(title, new Chunk(0, text, 0, text.length(), null, headingPath, 0, ""));
	}
}
