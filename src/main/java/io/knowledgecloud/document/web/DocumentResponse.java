package io.knowledgecloud.document.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.document.internal.Document;

/** A document as the API shows it. */
record DocumentResponse(UUID id, String title, String fileName, String mediaType, long sizeBytes, String sha256,
		List<String> tags, @Nullable String collection, String visibility, Set<UUID> allowedUsers,
		DocumentStatus status, @Nullable String stage, @Nullable Failure failure, int chunkCount, int version,
		@Nullable Integer indexedVersion, @Nullable UUID nearDuplicateOf, @Nullable UUID duplicateOf,
		@Nullable String timings, UUID createdBy, Instant createdAt, Instant updatedAt) {

	/** Why ingestion failed. */
	record Failure(String code, @Nullable String message) {
	}

	static DocumentResponse of(Document d, @Nullable UUID duplicateOf) {
		return new DocumentResponse(d.id().value(), d.title(), d.fileName(), d.mediaType(), d.sizeBytes(), d.sha256(),
				d.tags(), d.collection(), d.restricted() ? "restricted" : "workspace", d.allowedUsers(), d.status(),
				d.stage(), d.failureCode() == null ? null : new Failure(d.failureCode(), d.failureMessage()),
				d.chunkCount(), d.currentVersion(), d.indexedVersion(), d.nearDuplicateOf(), duplicateOf, d.timings(),
				d.createdBy(), d.createdAt(), d.updatedAt());
	}
}
