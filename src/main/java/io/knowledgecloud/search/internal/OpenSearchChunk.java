package io.knowledgecloud.search.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.search.spi.IndexedChunk;

/**
 * A chunk as an OpenSearch document ({@code _source}); field names are the snake_case form of the
 * component names and match the Lucene adapter's fields, see {@link OpenSearchIndex#mapping}.
 * {@code headings} is the searchable heading path (joined like the Lucene adapter's), while
 * {@code headingPath} keeps its parts; {@code acl} holds {@code "*"} for "every member";
 * {@code writeVersion} tells which write of the document stored the chunk.
 */
record OpenSearchChunk(String chunkId, String workspaceId, String documentId, int version, int ordinal, String title,
		String headings, List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset, String text,
		@Nullable Integer tokenCount, String contentHash, float @Nullable [] vector, String modelId, List<String> tag, @Nullable String collection,
		String mediaType, long created, List<String> acl, long writeVersion) {

	/** @param writeVersion the version of the document's write that stores the chunk */
	static OpenSearchChunk of(IndexedChunk c, long writeVersion) {
		return new OpenSearchChunk(c.chunkId().toString(), c.workspaceId().toString(), c.documentId().toString(),
				c.version(), c.ordinal(), c.title(), String.join(" \u203a ", c.headingPath()), c.headingPath(),
				c.page(), c.startOffset(), c.endOffset(), c.text(), c.tokenCount(), c.contentHash(),
				c.vector().length == 0 ? null : c.vector(), c.modelId(), c.tags(),
				c.collection(), c.mediaType(), c.createdAt().toEpochMilli(), acl(c.allowedUsers()), writeVersion);
	}

	/** The {@code acl} field: the allowed users, or {@code "*"} when the whole workspace may see it. */
	static List<String> acl(Set<UUID> allowedUsers) {
		if (allowedUsers.isEmpty()) {
			return List.of(LuceneSearchIndex.EVERYONE);
		}
		return allowedUsers.stream().map(UUID::toString).sorted().toList();
	}

	/** The chunk; without its vector when the search did not load it. */
	IndexedChunk toChunk() {
		Set<UUID> users = new HashSet<>();
		for (String entry : acl) {
			if (!entry.equals(LuceneSearchIndex.EVERYONE)) {
				users.add(UUID.fromString(entry));
			}
		}
		return new IndexedChunk(UUID.fromString(chunkId), UUID.fromString(workspaceId), UUID.fromString(documentId),
				version, ordinal, title, headingPath == null ? List.of() : List.copyOf(headingPath), page, startOffset,
				endOffset, text, tokenCount == null ? 0 : tokenCount, contentHash, vector == null ? new float[0] : vector, modelId,
				tag == null ? List.of() : List.copyOf(tag), collection, mediaType, Instant.ofEpochMilli(created),
				Set.copyOf(users));
	}
}
