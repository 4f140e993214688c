package io.knowledgecloud.ingest.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.IngestionReport;

/** The ingest module's reports, implementing the document module's {@link IngestionReport} types. */
final class IngestionEvents {

	private IngestionEvents() {
	}

	record StageStarted(UUID workspaceId, DocumentId documentId, int version, String stage, Instant at,
			boolean reindex) implements IngestionReport.StageStarted {
	}

	record DocumentIndexed(UUID workspaceId, DocumentId documentId, int version, int chunkCount, String timings,
			@Nullable DocumentId nearDuplicateOf, Instant at, boolean reindex, @Nullable String extractedTitle)
			implements IngestionReport.Indexed {
	}

	record DocumentFailed(UUID workspaceId, DocumentId documentId, int version, String code, String message,
			Instant at, boolean reindex) implements IngestionReport.Failed {
	}
}
