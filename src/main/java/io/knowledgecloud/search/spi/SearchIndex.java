package io.knowledgecloud.search.spi;

import java.util.List;
import java.util.UUID;

/**
 * The chunk index port. Adapters: {@code lucene} (embedded) and {@code opensearch}. Writes are
 * idempotent per document: {@link #replaceDocument} swaps all chunks of a document at once, so
 * a retried write never duplicates chunks.
 */
public interface SearchIndex {

	/** Stable adapter id, e.g. {@code lucene}. */
	String id();

	/** Replaces every chunk of the document in {@code generation} with {@code chunks}, atomically. */
	void replaceDocument(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks);

	/** Removes every chunk of the document from {@code generation}. */
	void deleteDocument(String generation, UUID workspaceId, UUID documentId);

	/** Number of chunks the document has in {@code generation}. */
	long countChunks(String generation, UUID workspaceId, UUID documentId);

	/** The generations that exist (deletes must reach every one). */
	List<String> generations();

	/** Makes every write so far durable (survives {@code kill -9}). */
	void commit();
}
