package io.knowledgecloud.search.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One chunk as the index stores it: text and vector plus everything search filters, facets,
 * cites and enforces (workspace, document ACL) on.
 *
 * @param tokenCount the text's length in the embedding model's tokens as ingestion counted it (prompts are
 *     budgeted with it, so the text need not be tokenized again); 0 when unknown
 * @param allowedUsers empty = every member of the workspace may see it; else only these user ids
 */
public record IndexedChunk(UUID chunkId, UUID workspaceId, UUID documentId, int version, int ordinal,
		String title, List<String> headingPath, @Nullable Integer page, int startOffset, int endOffset, String text,
		int tokenCount, String contentHash, float[] vector, String modelId, List<String> tags, @Nullable String collection,
		String mediaType, Instant createdAt, Set<UUID> allowedUsers) {
}
