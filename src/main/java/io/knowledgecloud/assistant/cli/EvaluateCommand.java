package io.knowledgecloud.assistant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.knowledgecloud.platform.CommandArguments;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar knowledgecloud.jar evaluate --url URL --api-key KEY --workspace WS QUESTIONS.jsonl}:
 * runs a question set through the answer pipeline of a workspace ({@code POST …/answers/evaluate})
 * and prints retrieval hit rate and MRR, citation precision, unsupported-sentence rate, latency,
 * tokens and cost, then one line per question. Each line of the file is
 * {@code {"question": …, "relevant_document_ids": [...], "reference_answer": …}} (the last optional).
 * A plain HTTP client of the API; no Spring context starts. Exit status: 0 done, 2 usage or a bad
 * question file, 3 the server could not be reached or refused the request. An admin API key is needed.
 */
public final class EvaluateCommand {

	static final String USAGE = """
			Usage: evaluate --url URL --api-key KEY --workspace WORKSPACE_ID [--json] QUESTIONS.jsonl
			  QUESTIONS.jsonl  one {"question", "relevant_document_ids", "reference_answer"?} per line
			  --json           print the server's whole report as JSON instead of a summary
			  --api-key may also come from the environment variable KC_API_KEY (scope admin).""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EvaluateCommand() {
	}

	/** Runs the command with the arguments after {@code evaluate}; answers the exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments arguments = CommandArguments.parse(args, Set.of("--json"), USAGE, out, err);
		if (arguments.exit() >= 0) {
			return arguments.exit();
		}
		boolean json = arguments.flags().contains("--json");
		List<String> paths = arguments.paths();
		String key = Objects.requireNonNull(arguments.apiKey());
		String url = Objects.requireNonNull(arguments.url());
		String workspace = Objects.requireNonNull(arguments.workspace());
		List<JsonNode> questions;
		try {
			questions = questions(Path.of(paths.getFirst()));
		}
		catch (IOException | IllegalArgumentException e) {
			err.println(e.getMessage());
			return 2;
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1).build();
		URI target;
		try {
			target = URI.create(url.replaceAll("/+$", "") + "/api/v1/workspaces/" + workspace + "/answers/evaluate");
		}
		catch (IllegalArgumentException e) {
			err.println("Not a URL: " + url + " (workspace " + workspace + ")\n" + USAGE);
			return 2;
		}
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
				.timeout(Duration.ofHours(2))
				.header("Authorization", "Bearer " + key.strip())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("questions", questions))))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				err.println("The server answered " + response.statusCode() + ": " + response.body());
				return 3;
			}
			JsonNode report = JSON.readTree(response.body());
			out.println(json ? report.toPrettyString() : summary(report));
			return 0;
		}
		catch (IOException e) {
			err.println("Cannot reach " + url + ": " + e);
			return 3;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 3;
		}
	}

	/** The question file, checked line by line so a mistake names its line. */
	static List<JsonNode> questions(Path file) throws IOException {
		List<JsonNode> questions = new ArrayList<>();
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			JsonNode q;
			try {
				q = JSON.readTree(line);
			}
			catch (JacksonException e) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON");
			}
			if (!q.path("question").isString() || q.path("question").asString().isBlank()) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": no \"question\"");
			}
			if (!q.path("relevant_document_ids").isArray() || q.path("relevant_document_ids").isEmpty()) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": no \"relevant_document_ids\"");
			}
			questions.add(q);
		}
		if (questions.isEmpty()) {
			throw new IllegalArgumentException(file + " holds no questions");
		}
		return questions;
	}

	static String summary(JsonNode r) {
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT, "%d questions%n", r.path("questions").asInt()));
		row(s, "retrieval hit rate", r.path("retrieval_hit_rate").asDouble());
		row(s, "retrieval MRR", r.path("retrieval_mrr").asDouble());
		row(s, "answered", r.path("answered_rate").asDouble());
		row(s, "citation precision", r.path("citation_precision").asDouble());
		row(s, "citations of relevant documents", r.path("cited_relevant_rate").asDouble());
		row(s, "unsupported-sentence rate", r.path("unsupported_sentence_rate").asDouble());
		s.append(String.format(Locale.ROOT, "%-34s %d ms / %d ms%n", "latency p50 / p99", r.path("latency_p50_ms").asLong(),
				r.path("latency_p99_ms").asLong()));
		s.append(String.format(Locale.ROOT, "%-34s %.0f / %.0f%n", "mean input / output tokens",
				r.path("mean_input_tokens").asDouble(), r.path("mean_output_tokens").asDouble()));
		s.append(String.format(Locale.ROOT, "%-34s %s%n", "total cost", r.path("total_cost").asString()));
		for (JsonNode q : r.path("results")) {
			s.append(String.format(Locale.ROOT, "%n%s %s%n  first relevant source: %s, citations %d (%d supported), %d ms",
					q.path("answered").asBoolean() ? "answered" : "declined", q.path("question").asString(),
					q.path("first_relevant_source").isNull() ? "none" : q.path("first_relevant_source").asString(),
					q.path("citations").asInt(), q.path("supported_citations").asInt(), q.path("latency_ms").asLong()));
		}
		return s.toString();
	}

	private static void row(StringBuilder s, String name, double value) {
		s.append(String.format(Locale.ROOT, "%-34s %.3f%n", name, value));
	}
}
