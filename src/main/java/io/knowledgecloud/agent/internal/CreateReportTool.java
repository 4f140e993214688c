package io.knowledgecloud.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.document.DocumentAuthoring;
import io.knowledgecloud.document.DocumentAuthoring.StoredVersion;
import io.knowledgecloud.platform.PdfReports;

/**
 * Stores a report as new documents (Markdown, and the same report as PDF), tagged
 * {@code agent-report}. It creates; it never changes an existing document, so it needs no approval.
 */
@Component
class CreateReportTool implements AgentTool {

	static final String TAG = "agent-report";

	private final DocumentAuthoring authoring;
	private final PdfReports pdfs;

	CreateReportTool(DocumentAuthoring authoring, PdfReports pdfs) {
		this.authoring = authoring;
		this.pdfs = pdfs;
	}

	@Override
	public String name() {
		return "create_report";
	}

	@Override
	public String description() {
		return "Store a Markdown report as a new document in the workspace (also rendered to PDF).";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"title":{"type":"string","maxLength":300},
				"markdown":{"type":"string","maxLength":200000}},"required":["title","markdown"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.CREATE;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		String title = Args.text(call.arguments(), "title").strip();
		String markdown = Args.text(call.arguments(), "markdown");
		if (title.length() > 300 || markdown.length() > 200_000) {
			throw new ToolFailure("invalid_arguments", "title ≤ 300 and markdown ≤ 200000 characters");
		}
		String base = slug(title);
		StoredVersion md = authoring.create(call.workspace(), call.caller(), title, base + ".md",
				markdown.getBytes(StandardCharsets.UTF_8), List.of(TAG));
		String body = markdown.strip().startsWith("# ") ? markdown.strip().replaceFirst("^# [^\n]*\n?", "") : markdown;
		StoredVersion pdf = authoring.create(call.workspace(), call.caller(), title + " (PDF)", base + ".pdf",
				pdfs.pdf(title, body), List.of(TAG));
		String ids = "Markdown " + md.documentId().value() + ", PDF " + pdf.documentId().value();
		return ToolResult.of("Stored the report \"" + title + "\" as new documents: " + ids + ".",
				"stored report \"" + RunStore.cut(title, 80) + "\"",
				Args.json(Map.of("markdown_document_id", md.documentId().value().toString(), "pdf_document_id",
						pdf.documentId().value().toString(), "title", title)));
	}

	static String slug(String title) {
		String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.isEmpty() ? "report" : RunStore.cut(slug, 80).replace("…", "");
	}
}
