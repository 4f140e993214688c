package io.knowledgecloud.ingest.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A claimed ingestion job: one document version to extract, chunk, embed and index.
 *
 * @param runId the reindex run the job belongs to; null for a job of an upload
 */
record IngestJob(UUID id, UUID workspaceId, UUID documentId, int version, String blobKey, String mediaType,
		String title, List<String> tags, @Nullable String collection, Set<UUID> allowedUsers, int attempts,
		@Nullable UUID runId) {
}
