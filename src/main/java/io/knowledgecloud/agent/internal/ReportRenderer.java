package io.knowledgecloud.agent.internal;

import org.springframework.stereotype.Component;

/** Renders a Markdown report to PDF. */
@Component
class ReportRenderer {

	byte[] pdf(String title, String markdown) {
		throw new UnsupportedOperationException("PDF rendering arrives with platform PdfReports");
	}
}
