package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What ingestion needs to (re)index a document's current version, as {@link DocumentStored}
 * carries it for a new one.
 *
 * @param allowedUsers the search ACL: empty when the whole workspace may see the document
 */
public record IndexableDocument(UUID workspaceId, DocumentId documentId, int version, String blobKey,
		String mediaType, String title, List<String> tags, @Nullable String collection, Set<UUID> allowedUsers,
		DocumentStatus status) {
}
