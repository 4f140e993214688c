package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.search.DocumentTexts;
import io.knowledgecloud.search.DocumentTexts.Passage;

/**
 * An extractive summary: the lead sentences of the passages closest to the document's centroid,
 * in document order. It quotes; it never paraphrases, so it cannot invent anything.
 */
@Component
class DocumentSummarizeTool implements AgentTool {

	private final DocumentTexts texts;

	DocumentSummarizeTool(DocumentTexts texts) {
		this.texts = texts;
	}

	@Override
	public String name() {
		return "document_summarize";
	}

	@Override
	public String description() {
		return "Summarise a document by quoting its most central sentences (extractive).";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"document_id":{"type":"string"},
				"sentences":{"type":"integer","minimum":1,"maximum":20}},"required":["document_id"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		var id = Args.document(call.arguments(), "document_id");
		int count = Args.integer(call.arguments(), "sentences", 5, 1, 20);
		List<Passage> passages = DocumentLookup.passages(texts, call, id);
		double[] central = TextAnalysis.centrality(passages);
		List<Integer> chosen = IntStream.range(0, passages.size())
			.boxed()
			.sorted(Comparator.comparingDouble((Integer i) -> central[i]).reversed())
			.limit(count)
			.sorted()
			.toList();
		List<String> summary = new ArrayList<>();
		for (int i : chosen) {
			List<String> sentences = TextAnalysis.sentences(passages.get(i).text());
			if (!sentences.isEmpty()) {
				summary.add(sentences.getFirst());
			}
		}
		String title = passages.getFirst().title();
		String text = String.join(" ", summary);
		return ToolResult.of(title + ": " + text, "summarised \"" + RunStore.cut(title, 80) + "\" in " + summary.size()
				+ " sentences", Args.json(Map.of("document_id", id.value().toString(), "title", title, "summary", text)));
	}
}
