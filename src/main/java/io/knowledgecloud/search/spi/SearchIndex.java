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

	/** The document's chunks as stored, in order (empty when it has none in this generation). */
	List<IndexedChunk> chunks(String generation, UUID workspaceId, UUID documentId);

	/**
	 * Rewrites the document's chunks with new search-relevant metadata (title, tags, collection,
	 * ACL), keeping text and vectors: access changes must reach search at once, not at the next
	 * re-index.
	 */
	default void updateMetadata(String generation, UUID workspaceId, UUID documentId, String title,
			List<String> tags, @org.jspecify.annotations.Nullable String collection, java.util.Set<UUID> allowedUsers) {
		List<IndexedChunk> updated = chunks(generation, workspaceId, documentId).stream()
			.map(c -> new IndexedChunk(c.chunkId(), c.workspaceId(), c.documentId(), c.version(), c.ordinal(), title,
					c.headingPath(), c.page(), c.startOffset(), c.endOffset(), c.text(), c.tokenCount(), c.contentHash(),
					c.vector(),
					c.modelId(), List.copyOf(tags), collection, c.mediaType(), c.createdAt(), java.util.Set.copyOf(allowedUsers)))
			.toList();
		if (!updated.isEmpty()) {
			replaceDocument(generation, workspaceId, documentId, updated);
		}
	}

	/** Number of chunks the document has in {@code generation}. */
	long countChunks(String generation, UUID workspaceId, UUID documentId);

	/** The generations that exist (deletes must reach every one). */
	List<String> generations();

	/**
	 * Deletes a whole generation (its chunks, files or indices), e.g. the previous embedding
	 * model's once the current one has caught up. Dropping a missing generation is a no-op; later
	 * writes to it create it anew.
	 */
	void dropGeneration(String generation);

	/**
	 * The best {@code k} chunks for a BM25 query, best first, restricted by {@code filter} inside
	 * the engine query.
	 */
	List<ChunkMatch> keyword(String generation, KeywordQuery query, IndexFilter filter, int k);

	/**
	 * The {@code k} chunks nearest to {@code vector} (dot product of unit vectors), best first,
	 * restricted by {@code filter} during the graph search (a pre-filter, so {@code k} results come
	 * back whenever {@code k} chunks pass the filter).
	 */
	default List<ChunkMatch> nearest(String generation, float[] vector, IndexFilter filter, int k) {
		return nearest(generation, vector, filter, k, k);
	}

	/**
	 * As {@link #nearest(String, float[], IndexFilter, int)}, but the graph search explores
	 * {@code candidates} neighbours ({@code >= k}) and only the best {@code k} come back: an
	 * approximate search with more candidates is closer to exact, and loading only {@code k}
	 * matches keeps it cheap.
	 */
	List<ChunkMatch> nearest(String generation, float[] vector, IndexFilter filter, int k, int candidates);

	/** The two candidate lists of a hybrid query. */
	record HybridMatches(List<ChunkMatch> keyword, List<ChunkMatch> vector) {
	}

	/**
	 * The keyword and the vector candidates of one hybrid query, as {@link #keyword} and
	 * {@link #nearest(String, float[], IndexFilter, int, int)} would answer them. An engine behind a
	 * network runs both in one request; the default runs the keyword query first and asks for the
	 * vector only then, so a vector still being computed elsewhere overlaps with it.
	 */
	default HybridMatches hybrid(String generation, KeywordQuery query, java.util.function.Supplier<float[]> vector,
			IndexFilter filter, int k, int candidates) {
		List<ChunkMatch> keyword = keyword(generation, query, filter, k);
		return new HybridMatches(keyword, nearest(generation, vector.get(), filter, k, candidates));
	}

	/** Makes every write so far durable (survives {@code kill -9}). */
	void commit();
}
