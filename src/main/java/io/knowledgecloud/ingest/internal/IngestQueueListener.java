package io.knowledgecloud.ingest.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.document.DocumentAccessChanged;
import io.knowledgecloud.document.DocumentDeleted;
import io.knowledgecloud.document.DocumentPurged;
import io.knowledgecloud.document.DocumentStored;
import io.knowledgecloud.document.DocumentUploaded;
import io.knowledgecloud.document.DocumentVersionAdded;

/** Turns document events into durable jobs (idempotently: one job per document version). */
@Component
class IngestQueueListener {

	private final IngestJobs jobs;
	private final IngestWorkers workers;
	private final Fingerprints fingerprints;
	private final IndexedGenerations placements;

	IngestQueueListener(IngestJobs jobs, IngestWorkers workers, Fingerprints fingerprints,
			IndexedGenerations placements) {
		this.placements = placements;
		this.jobs = jobs;
		this.workers = workers;
		this.fingerprints = fingerprints;
	}

	/** A new document: one job. */
	@ApplicationModuleListener
	void on(DocumentUploaded event) {
		enqueue(event);
	}

	/** A new version: one job (only its changed chunks are embedded). */
	@ApplicationModuleListener
	void on(DocumentVersionAdded event) {
		enqueue(event);
	}

	private void enqueue(DocumentStored event) {
		if (jobs.enqueue(event)) {
			workers.wake();
		}
	}

	@ApplicationModuleListener
	void on(DocumentAccessChanged event) {
		jobs.updateMetadata(event.documentId().value(), event.title(), event.tags(), event.collection(),
				event.allowedUsers());
	}

	@ApplicationModuleListener
	void on(DocumentDeleted event) {
		jobs.cancel(event.documentId().value());
		fingerprints.forget(event.documentId().value());
		placements.forget(event.documentId().value());
	}

	/** The document is gone for good: its finished jobs are history nobody reads. */
	@ApplicationModuleListener
	void on(DocumentPurged event) {
		jobs.forget(event.documentId().value());
	}
}
