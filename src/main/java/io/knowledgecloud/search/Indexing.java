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

	private final SearchIndex index;
	private final IndexEpochs epochs;

	Indexing(SearchIndex index, IndexEpochs epochs) {
		this.index = index;
		this.epochs = epochs;
	}

	/** The generation that holds vectors of {@code modelId}. */
	public String generationFor(String modelId) {
		return "g1-" + modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
	}

	/** Replaces all chunks of the document and makes the write durable before returning. */
	public void replace(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		index.replaceDocument(generation, workspaceId, documentId, chunks);
		index.commit();
		epochs.bump(workspaceId);
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
