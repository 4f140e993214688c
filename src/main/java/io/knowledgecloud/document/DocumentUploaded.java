package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A document (or, with {@code version > 1}, a new version of it) is stored and waits for
 * ingestion. Carries what ingestion and the index need, so no module reads document tables.
 *
 * @param allowedUsers empty when the whole workspace may see the document
 */
public record DocumentUploaded(UUID workspaceId, DocumentId documentId, int version, String blobKey,
		String mediaType, String title, List<String> tags, @Nullable String collection, Set<UUID> allowedUsers)
		implements DocumentEvent {
}
