package io.knowledgecloud.document.internal;

import java.time.Instant;
import java.util.UUID;

/** One stored version of a document's content. */
public record DocumentVersion(UUID documentId, int version, String blobKey, String sha256, long sizeBytes,
		String mediaType, String fileName, UUID createdBy, Instant createdAt) {
}
