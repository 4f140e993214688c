package io.knowledgecloud.document;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What ingestion reports back about a document version. Defined here, implemented by the ingest
 * module's events, so that document depends on nobody downstream (the restbucks
 * {@code Order.ProcessingStarted} pattern).
 */
public interface IngestionReport {

	UUID workspaceId();

	DocumentId documentId();

	int version();

	/**
	 * When ingestion produced the report. A report older than the last one applied to the document
	 * changes nothing, so redelivered or reordered reports cannot move a document backwards.
	 */
	Instant at();

	/** Whether a reindex job (not an upload) produced it: such reports may revive a FAILED version. */
	boolean reindex();

	/** A stage (extract, chunk, embed, index) started. */
	interface StageStarted extends IngestionReport {
		String stage();
	}

	/** The version is searchable. */
	interface Indexed extends IngestionReport {
		int chunkCount();

		/** Per-stage timings and counts as a small JSON object. */
		String timings();

		@Nullable DocumentId nearDuplicateOf();

		/**
		 * The title the document itself declares (PDF or Office metadata, an HTML {@code <title>}),
		 * if any: it replaces a title that was only the file name.
		 */
		default @Nullable String extractedTitle() {
			return null;
		}
	}

	/** The version failed permanently. */
	interface Failed extends IngestionReport {
		String code();

		String message();
	}
}
