package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A new document is stored (version 1) and waits for ingestion. New versions of it are
 * {@link DocumentVersionAdded}; both are {@link DocumentStored}.
 *
 * @param allowedUsers empty when the whole workspace may see the document
 */
public record DocumentUploaded(UUID workspaceId, DocumentId documentId, int version, String blobKey,
		String mediaType, String title, List<String> tags, @Nullable String collection, Set<UUID> allowedUsers)
		implements DocumentStored {
}
