package io.knowledgecloud.document.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.document.IngestionReport;

/** Records what ingestion reports: stage, then INDEXED or FAILED. Idempotent and order-tolerant. */
@Component
class IngestionReports {

	private final DocumentManagement documents;

	IngestionReports(DocumentManagement documents) {
		this.documents = documents;
	}

	@ApplicationModuleListener
	void on(IngestionReport.StageStarted report) {
		documents.report(report, DocumentStatus.PROCESSING,
				report.stage(), null, null, null, null, null);
	}

	@ApplicationModuleListener
	void on(IngestionReport.Indexed report) {
		DocumentId duplicate = report.nearDuplicateOf();
		documents.report(report, DocumentStatus.INDEXED, null,
				null, null, report.chunkCount(), report.timings(), duplicate == null ? null : duplicate.value());
	}

	@ApplicationModuleListener
	void on(IngestionReport.Failed report) {
		documents.report(report, DocumentStatus.FAILED, null,
				report.code(), report.message(), null, null, null);
	}
}
