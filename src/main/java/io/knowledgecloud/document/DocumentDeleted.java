package io.knowledgecloud.document;

import java.util.UUID;

/** A document was (soft-)deleted: it must leave search at once; blobs are purged later. */
public record DocumentDeleted(UUID workspaceId, DocumentId documentId) implements DocumentEvent {
}
