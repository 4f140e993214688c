package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The offline planner: a fixed script per built-in task (report, compare, summarise, propose an
 * update), run through the same tools, approvals and trace as a language model would use. It is
 * a planner, not a language model: it understands the goal only through the patterns in
 * {@link Task}. Tokens are estimated from the text each step adds (4 characters a token).
 */
final class TaskPlanner {

	private static final java.util.regex.Pattern UUID = java.util.regex.Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private TaskPlanner() {
	}

	static Decision next(String goal, List<Step> steps, List<String> memories) {
		Task task = Task.parse(goal);
		Scope scope = Scope.active(goal, steps);
		return switch (scope.agent()) {
			case Scope.RESEARCHER -> research(task, scope);
			case Scope.WRITER -> write(task, scope);
			default -> supervise(task, scope, memories);
		};
	}

	private static Decision supervise(Task task, Scope s, List<String> memories) {
		List<Step> research = s.answersFrom(Scope.RESEARCHER);
		List<Step> writing = s.answersFrom(Scope.WRITER);
		if (research.isEmpty()) {
			return delegate(s, Scope.RESEARCHER, switch (task.kind()) {
				case REPORT -> "Find what the workspace's documents say about: " + task.subject();
				case COMPARE -> "Find and compare \"" + task.subject() + "\" and \"" + task.other() + "\"";
				case SUMMARISE -> "Summarise " + task.subject();
				case UPDATE -> "Find the document to update: " + task.subject();
			});
		}
		Step found = research.getLast();
		boolean needsWriter = task.kind() == Task.Kind.REPORT || task.kind() == Task.Kind.UPDATE;
		if (failed(found) || !needsWriter) {
			return finish(Scope.SUPERVISOR, found.observation(), found.data(), failed(found) ? found.observation() : null);
		}
		if (writing.isEmpty()) {
			return delegate(s, Scope.WRITER, task.kind() == Task.Kind.REPORT
					? "Write a report on " + task.subject() + " from these findings:\n" + found.observation()
							+ (memories.isEmpty() ? "" : "\n\nEarlier runs found:\n- " + String.join("\n- ", memories))
					: "Propose the update to document " + data(found).path("document_id").asString(""));
		}
		Step written = writing.getLast();
		String answer = (task.kind() == Task.Kind.REPORT ? found.observation() + "\n\n" : "") + written.observation();
		return finish(Scope.SUPERVISOR, answer, written.data(), failed(written) ? written.observation() : null);
	}

	private static Decision research(Task task, Scope s) {
		Step last = s.steps().isEmpty() ? null : s.steps().getLast();
		if (last != null && isError(last)) {
			return finish(Scope.RESEARCHER, "Could not finish the research: " + last.observation(), null,
					last.observation());
		}
		if (task.kind() == Task.Kind.SUMMARISE && task.url() != null) {
			if (s.calls("http_fetch").isEmpty()) {
				return call(s, "http_fetch", "Fetch the page to summarise.", Map.of("url", task.url()));
			}
			String text = data(s.calls("http_fetch").getLast()).path("text").asString("");
			List<String> lead = TextAnalysis.sentences(text).stream().limit(5).toList();
			return finish(Scope.RESEARCHER, task.url() + ": " + String.join(" ", lead), null, null);
		}
		List<Step> searches = s.calls("document_search");
		String firstQuery = task.subject();
		if (searches.isEmpty()) {
			return call(s, "document_search", "Search the documents for \"" + firstQuery + "\".",
					Map.of("query", firstQuery, "limit", task.kind() == Task.Kind.REPORT ? 8 : 3));
		}
		boolean aboutReports = task.subject().toLowerCase(java.util.Locale.ROOT).contains("report");
		List<String> firstDocs = documents(searches.getFirst(), aboutReports);
		if (firstDocs.isEmpty()) {
			return finish(Scope.RESEARCHER, "No document in the workspace matches \"" + firstQuery + "\".", null,
					"no matching documents");
		}
		return switch (task.kind()) {
			case COMPARE -> compare(task, s, searches, firstDocs);
			case UPDATE -> finish(Scope.RESEARCHER, "The document to update is " + firstDocs.getFirst() + ".",
					Args.json(Map.of("document_id", firstDocs.getFirst())), null);
			case SUMMARISE -> summarise(s, firstDocs.subList(0, 1), 1);
			case REPORT -> summarise(s, firstDocs.subList(0, Math.min(3, firstDocs.size())), 3);
		};
	}

	private static Decision compare(Task task, Scope s, List<Step> searches, List<String> firstDocs) {
		if (searches.size() < 2) {
			return call(s, "document_search", "Search for \"" + task.other() + "\".", Map.of("query", task.other(), "limit", 3));
		}
		String a = firstDocs.getFirst();
		boolean aboutReports = String.valueOf(task.other()).toLowerCase(java.util.Locale.ROOT).contains("report");
		String b = documents(searches.get(1), aboutReports).stream().filter(d -> !d.equals(a)).findFirst().orElse(null);
		if (b == null) {
			return finish(Scope.RESEARCHER, "Found only one document for both \"" + task.subject() + "\" and \""
					+ task.other() + "\"; nothing to compare.", null, "second document not found");
		}
		List<Step> compared = s.calls("compare_documents");
		if (compared.isEmpty()) {
			return call(s, "compare_documents", "Align the two documents and list differing claims.",
					Map.of("document_a", a, "document_b", b));
		}
		return finish(Scope.RESEARCHER, compared.getLast().observation(), compared.getLast().data(), null);
	}

	private static Decision summarise(Scope s, List<String> documents, int count) {
		List<Step> done = s.calls("document_summarize");
		if (done.size() < Math.min(count, documents.size())) {
			return call(s, "document_summarize", "Summarise the next most relevant document.",
					Map.of("document_id", documents.get(done.size()), "sentences", 4));
		}
		var findings = new StringBuilder();
		List<Object> rows = new ArrayList<>();
		for (Step step : done) {
			JsonNode d = data(step);
			findings.append("- **").append(d.path("title").asString("")).append("**: ")
				.append(d.path("summary").asString("")).append('\n');
			rows.add(Map.of("document_id", d.path("document_id").asString(""), "title", d.path("title").asString(""),
					"summary", d.path("summary").asString("")));
		}
		return finish(Scope.RESEARCHER, findings.toString().strip(), Args.json(Map.of("findings", rows)), null);
	}

	private static Decision write(Task task, Scope s) {
		Step last = s.steps().isEmpty() ? null : s.steps().getLast();
		if (last != null && isError(last)) {
			return finish(Scope.WRITER, "Could not write: " + last.observation(), null, last.observation());
		}
		if (task.kind() == Task.Kind.REPORT) {
			if (s.calls("create_report").isEmpty()) {
				return call(s, "create_report", "Write the findings up as a report.", Map.of("title",
						"Report: " + task.subject(), "markdown", reportMarkdown(task, s.task())));
			}
			Step created = s.calls("create_report").getLast();
			return finish(Scope.WRITER, created.observation(), created.data(), null);
		}
		List<Step> updates = s.calls("update_document");
		if (updates.isEmpty()) {
			Map<String, Object> args = new LinkedHashMap<>();
			java.util.regex.Matcher id = UUID.matcher(s.task());
			if (!id.find()) {
				return finish(Scope.WRITER, "No document to update was found.", null, "no document");
			}
			args.put("document_id", id.group());
			List<Map<String, String>> replacements = new ArrayList<>();
			for (String[] r : task.replacements()) {
				replacements.add(Map.of("find", r[0], "replace", r[1]));
			}
			if (!replacements.isEmpty()) {
				args.put("replacements", replacements);
			}
			if (task.append() != null) {
				args.put("append", task.append());
			}
			if (replacements.isEmpty() && task.append() == null) {
				return finish(Scope.WRITER, "The goal names no change (use replace \"old\" with \"new\" or append \"text\").",
						null, "no change requested");
			}
			args.put("reason", "requested: " + RunStore.cut(task.subject(), 100));
			return call(s, "update_document", "Propose the requested change for approval.", args);
		}
		Step decided = updates.getLast();
		if (!Step.APPROVAL_DECIDED.equals(decided.kind())) {
			return finish(Scope.WRITER, decided.observation(), null, decided.observation());
		}
		return finish(Scope.WRITER, decided.observation(), decided.data(), null);
	}

	private static String reportMarkdown(Task task, String brief) {
		int findings = brief.indexOf('\n');
		return "# Report: " + task.subject() + "\n\n## Findings\n\n"
				+ (findings < 0 ? brief : brief.substring(findings + 1)).strip() + "\n\n---\n"
				+ "*Compiled by a KnowledgeCloud agent (offline planner) from the workspace's documents; every line quotes"
				+ " its source document.*\n";
	}

	static boolean isError(Step step) {
		return Step.TOOL.equals(step.kind()) && step.observation() != null && step.observation().startsWith("Error");
	}

	private static boolean failed(Step finish) {
		return finish.data() != null && finish.data().startsWith("{\"failure\"");
	}

	/**
	 * Distinct documents of a search, best first; reports agents wrote earlier are left out unless
	 * the task is about reports, so a run neither edits nor re-summarises another run's output.
	 */
	private static List<String> documents(Step search, boolean includeReports) {
		List<String> ids = new ArrayList<>();
		for (JsonNode hit : data(search)) {
			if (!includeReports && hit.path("tags").valueStream().anyMatch(t -> CreateReportTool.TAG.equals(t.asString()))) {
				continue;
			}
			String id = hit.path("document_id").asString("");
			if (!id.isEmpty() && !ids.contains(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static JsonNode data(Step step) {
		return Args.JSON.readTree(step.data() == null ? "{}" : step.data());
	}

	private static Decision call(Scope s, String tool, String thought, Map<String, ?> args) {
		String json = Args.json(args);
		return new Decision.Call(s.agent(), thought, tool, json, "call_" + (s.steps().size() + 1) + "_" + tool,
				(thought.length() + json.length()) / 4);
	}

	private static Decision delegate(Scope s, String to, String task) {
		return new Decision.Delegate(to, "Delegate to the " + to + ".", task, "call_delegate_" + (s.steps().size() + 1),
				task.length() / 4);
	}

	private static Decision finish(String agent, @Nullable String answer, @Nullable String data, @Nullable String failure) {
		String text = answer == null ? "" : answer;
		return new Decision.Finish(agent, text, data, failure, text.length() / 4);
	}
}
