package io.knowledgecloud.embedding;

import io.knowledgecloud.embedding.internal.OnnxBgeSmallEmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The real in-jar embedding model behind the facade, for unit tests of other modules. */
public final class TestEmbeddings {

	private static final Embeddings INSTANCE = new Embeddings(new OnnxBgeSmallEmbeddingModel(0),
			new SimpleMeterRegistry());

	private TestEmbeddings() {
	}

	public static Embeddings bgeSmall() {
		return INSTANCE;
	}
}
