package io.knowledgecloud.document.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.document.internal.Document;

/**
 * A document as the API shows it.
 *
 * @param timings per-stage timings and counts of the last ingestion ({@code extract_ms}, {@code chunks},
 *     {@code tokens}, {@code embed_ms} …), as an object
 */
record DocumentResponse(UUID id, String title, String fileName, String mediaType, long sizeBytes, String sha256,
		List<String> tags, @Nullable String collection, String visibility, Set<UUID> allowedUsers,
		DocumentStatus status, @Nullable String stage, @Nullable Failure failure, int chunkCount, int version,
		@Nullable Integer indexedVersion, @Nullable UUID nearDuplicateOf, @Nullable UUID duplicateOf,
		@Nullable Map<String, Object> timings, UUID createdBy, Instant createdAt, Instant updatedAt) {

	/** Why ingestion failed. */
	record Failure(String code, @Nullable String message) {
	}

	static DocumentResponse of(Document d, @Nullable UUID duplicateOf) {
		return new DocumentResponse(d.id().value(), d.title(), d.fileName(), d.mediaType(), d.sizeBytes(), d.sha256(),
				d.tags(), d.collection(), d.restricted() ? "restricted" : "workspace", d.allowedUsers(), d.status(),
				d.stage(), d.failureCode() == null ? null : new Failure(d.failureCode(), d.failureMessage()),
				d.chunkCount(), d.currentVersion(), d.indexedVersion(), d.nearDuplicateOf(), duplicateOf, timings(d.timings()),
				d.createdBy(), d.createdAt(), d.updatedAt());
	}

	/** Stored as a small JSON object by ingestion; shown as one, not as a string holding JSON. */
	private static @Nullable Map<String, Object> timings(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return JSON.readValue(json, new tools.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
			});
		}
		catch (tools.jackson.core.JacksonException e) {
			return null;
		}
	}

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();
}
