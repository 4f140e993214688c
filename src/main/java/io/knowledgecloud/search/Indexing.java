package io.knowledgecloud.search;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.knowledgecloud.document.DocumentAccessChanged;
import io.knowledgecloud.document.DocumentDeleted;
import io.knowledgecloud.search.internal.IndexEpochs;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * The write side of search, for ingestion: replace or remove a document's chunks in an index
 * generation. A generation belongs to one embedding model, so vectors are never mixed.
 */
@Service
public class Indexing {

	/** A generation and the embedding model of its vectors. */
	public record Generation(String name, String modelId) {
	}

	/** How long a replica keeps its reading of the active generation before it asks again. */
	private static final java.time.Duration ACTIVE_TTL = java.time.Duration.ofSeconds(2);

	private final SearchIndex index;
	private final IndexEpochs epochs;
	private final io.knowledgecloud.search.internal.ActiveGenerations active;
	private final io.knowledgecloud.embedding.Embeddings embeddings;
	/** The one entry: the generation search reads, as last read from the database. */
	private final com.github.benmanes.caffeine.cache.Cache<Boolean, Generation> searched =
			io.knowledgecloud.platform.Caches.expiringAfterWrite(1, ACTIVE_TTL);
	/** Workspaces with writes since the last commit (their cached results go stale at the commit). */
	private final java.util.Set<UUID> uncommitted = java.util.concurrent.ConcurrentHashMap.newKeySet();

	Indexing(SearchIndex index, IndexEpochs epochs, io.knowledgecloud.search.internal.ActiveGenerations active,
			io.knowledgecloud.embedding.Embeddings embeddings) {
		this.index = index;
		this.epochs = epochs;
		this.active = active;
		this.embeddings = embeddings;
	}

	/**
	 * The generation search reads: the current model's, except while a switch of the embedding
	 * model re-embeds the documents, when it stays the previous model's until the new one is
	 * complete ({@link #activate}). Read from the database at most every two seconds per replica.
	 */
	public Generation searched() {
		return searched.get(Boolean.TRUE, k -> active.find()
			.orElseGet(() -> new Generation(generationFor(embeddings.modelId()), embeddings.modelId())));
	}

	/** The generation recorded as the one search reads, if any was yet (read now, not cached). */
	public java.util.Optional<Generation> activated() {
		return active.find();
	}

	/** Search reads {@code generation} (vectors of {@code modelId}) from now on, on every replica within seconds. */
	public void activate(String generation, String modelId) {
		Generation now = new Generation(generation, modelId);
		active.set(now);
		searched.put(Boolean.TRUE, now);
	}

	/** The generation that holds vectors of {@code modelId}. */
	public String generationFor(String modelId) {
		return "g1-" + modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
	}

	/**
	 * Replaces all chunks of the document; the write becomes durable and searchable with the next
	 * {@link #commit()} (ingestion commits many documents at once).
	 */
	public void write(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		index.replaceDocument(generation, workspaceId, documentId, chunks);
		uncommitted.add(workspaceId);
	}

	/** Makes every write so far durable and searchable, then invalidates the cached results it changes. */
	public void commit() {
		// taken before the commit: a write that comes after is marked again and bumped by the next one
		List<UUID> written = new java.util.ArrayList<>(uncommitted);
		uncommitted.removeAll(written);
		try {
			index.commit();
		}
		catch (RuntimeException e) {
			uncommitted.addAll(written); // still to be bumped by the commit that succeeds
			throw e;
		}
		written.forEach(epochs::bump);
	}

	public long count(String generation, UUID workspaceId, UUID documentId) {
		return index.countChunks(generation, workspaceId, documentId);
	}

	public void remove(String generation, UUID workspaceId, UUID documentId) {
		index.deleteDocument(generation, workspaceId, documentId);
		index.commit();
		epochs.bump(workspaceId);
	}

	/** Rewrites the document's chunks with new title, tags, collection and ACL, durably. */
	public void updateMetadata(String generation, UUID workspaceId, UUID documentId, String title, List<String> tags,
			@org.jspecify.annotations.Nullable String collection, java.util.Set<UUID> allowedUsers) {
		index.updateMetadata(generation, workspaceId, documentId, title, tags, collection, allowedUsers);
		index.commit();
		epochs.bump(workspaceId);
	}

	/** The generations that exist in the index. */
	public List<String> generations() {
		return index.generations();
	}

	/** Deletes a whole generation, e.g. the previous embedding model's after a switch. */
	public void dropGeneration(String generation) {
		index.dropGeneration(generation);
	}

	public List<IndexedChunk> chunks(String generation, UUID workspaceId, UUID documentId) {
		return index.chunks(generation, workspaceId, documentId);
	}

	/** Title, tags, collection and ACL changes reach every generation at once. */
	@ApplicationModuleListener
	void on(DocumentAccessChanged event) {
		for (String generation : index.generations()) {
			index.updateMetadata(generation, event.workspaceId(), event.documentId().value(), event.title(),
					event.tags(), event.collection(), event.allowedUsers());
		}
		index.commit();
		epochs.bump(event.workspaceId());
	}

	/** A deleted document leaves search at once, before any purge of its blobs. */
	@ApplicationModuleListener
	void on(DocumentDeleted event) {
		for (String generation : index.generations()) {
			index.deleteDocument(generation, event.workspaceId(), event.documentId().value());
		}
		index.commit();
		epochs.bump(event.workspaceId());
	}
}
