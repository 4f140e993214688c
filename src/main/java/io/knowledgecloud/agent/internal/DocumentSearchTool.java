package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.search.Search;
import io.knowledgecloud.search.SearchHit;
import io.knowledgecloud.search.SearchQuery;

/** Hybrid search over the workspace, as the run's owner may see it. */
@Component
class DocumentSearchTool implements AgentTool {

	private final Search search;

	DocumentSearchTool(Search search) {
		this.search = search;
	}

	@Override
	public String name() {
		return "document_search";
	}

	@Override
	public String description() {
		return "Search the workspace's documents. Returns numbered passages with document ids, titles and pages.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"query":{"type":"string","description":"what to look for"},
				"limit":{"type":"integer","minimum":1,"maximum":10}},"required":["query"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		String query = Args.text(call.arguments(), "query");
		int limit = Args.integer(call.arguments(), "limit", 5, 1, 10);
		List<SearchHit> hits = search.search(call.workspace(), call.caller(), SearchQuery.of(RunStore.cut(query, 500), limit))
			.hits();
		var text = new StringBuilder();
		List<Map<String, Object>> data = new ArrayList<>();
		for (int i = 0; i < hits.size(); i++) {
			SearchHit h = hits.get(i);
			text.append('[').append(i + 1).append("] ").append(h.title()).append(" (document ").append(h.documentId());
			if (h.page() != null) {
				text.append(", page ").append(h.page());
			}
			text.append("): ").append(h.snippet()).append('\n');
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("document_id", h.documentId().toString());
			row.put("title", h.title());
			row.put("page", h.page());
			row.put("text", h.text());
			row.put("score", h.score());
			row.put("tags", h.tags());
			data.add(row);
		}
		String observation = hits.isEmpty() ? "No documents match." : text.toString();
		return ToolResult.of(observation, hits.size() + " passages for \"" + RunStore.cut(query, 80) + "\"",
				Args.json(data));
	}
}
