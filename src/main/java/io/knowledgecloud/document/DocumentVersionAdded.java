package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A new version of an existing document is stored ({@code PUT …/content}, an approved agent
 * update, a rollback) and waits for ingestion; {@code version} is 2 or more.
 *
 * @param allowedUsers empty when the whole workspace may see the document
 */
public record DocumentVersionAdded(UUID workspaceId, DocumentId documentId, int version, String blobKey,
		String mediaType, String title, List<String> tags, @Nullable String collection, Set<UUID> allowedUsers)
		implements DocumentStored {
}
