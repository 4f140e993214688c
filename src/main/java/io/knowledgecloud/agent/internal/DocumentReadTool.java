package io.knowledgecloud.agent.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.search.DocumentTexts;
import io.knowledgecloud.search.DocumentTexts.Passage;

/** A document's indexed text, optionally a page range, capped in length. */
@Component
class DocumentReadTool implements AgentTool {

	private final DocumentTexts texts;

	DocumentReadTool(DocumentTexts texts) {
		this.texts = texts;
	}

	@Override
	public String name() {
		return "document_read";
	}

	@Override
	public String description() {
		return "Read a document's text by id, optionally only pages from_page..to_page (PDFs and slides have pages).";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"document_id":{"type":"string"},"from_page":{"type":"integer","minimum":1},
				"to_page":{"type":"integer","minimum":1},"max_chars":{"type":"integer","minimum":100,"maximum":50000}},
				"required":["document_id"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		var id = Args.document(call.arguments(), "document_id");
		int from = Args.integer(call.arguments(), "from_page", 1, 1, 100_000);
		int to = Args.integer(call.arguments(), "to_page", 100_000, 1, 100_000);
		int max = Args.integer(call.arguments(), "max_chars", 8000, 100, 50_000);
		if (to < from) {
			throw new ToolFailure("invalid_arguments", "to_page must not be before from_page");
		}
		List<Passage> passages = DocumentLookup.passages(texts, call, id).stream()
			.filter(p -> p.page() == null || (p.page() >= from && p.page() <= to))
			.toList();
		var text = new StringBuilder();
		for (Passage p : passages) {
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			text.append(p.text());
		}
		boolean truncated = text.length() > max;
		String body = truncated ? text.substring(0, max) : text.toString();
		String title = passages.isEmpty() ? "" : passages.getFirst().title();
		return ToolResult.of(passages.isEmpty() ? "No text on those pages." : body + (truncated ? "\n[truncated]" : ""),
				"read " + body.length() + " characters of \"" + RunStore.cut(title, 80) + "\"",
				Args.json(Map.of("document_id", id.value().toString(), "title", title, "text", body, "truncated",
						truncated)));
	}
}
