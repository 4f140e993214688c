package io.knowledgecloud.embedding.spi;

import java.util.List;

/**
 * One embedding model. {@link #id()} is recorded with every vector, so vectors of different
 * models are never mixed; changing the model means re-embedding into a new index generation.
 * Every vector has unit length (L2), so a dot product is the cosine. A provider that fails throws
 * {@link io.knowledgecloud.embedding.EmbeddingFailed}, saying whether a retry may help.
 */
public interface EmbeddingModel {

	/** Stable id of the model, e.g. {@code bge-small-en-v1.5-q}; part of cache keys and index generations. */
	String id();

	/** Length of the vectors. */
	int dimension();

	/** The longest text, in the model's own tokens, it embeds without splitting. */
	int maxTokens();

	/** Tokens of {@code text} as the model's tokenizer counts them (chunk budgets use this). */
	int countTokens(String text);

	/** Embeds passages (documents, chunks); one vector per text, in order. */
	List<float[]> embedDocuments(List<String> texts);

	/** Embeds a search query (with the model's query instruction, if it has one). */
	float[] embedQuery(String query);
}
