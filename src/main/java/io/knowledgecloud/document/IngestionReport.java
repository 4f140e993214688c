package io.knowledgecloud.document;

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
	}

	/** The version failed permanently. */
	interface Failed extends IngestionReport {
		String code();

		String message();
	}
}
