package io.knowledgecloud.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Scores retrieval on a BEIR folder's train split only, through {@code POST …/search/evaluate},
 * for choosing defaults (chunk size, field boosts) without looking at the test split. The first
 * run imports the corpus and writes the workspace and key to {@code --state}; later runs against a
 * server restarted on the same data directory reuse them, so a query-time setting is scored
 * without ingesting again.
 *
 * <pre>java -cp … io.knowledgecloud.bench.TrainEval --url http://127.0.0.1:18300 --state target/bench/train.state</pre>
 */
public final class TrainEval {

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			opts.put(args[i], args[i + 1]);
		}
		BeirData beir = BeirData.load(Path.of(opts.getOrDefault("--data", "../shared/bench/scifact")));
		KcClient kc = new KcClient(opts.getOrDefault("--url", "http://127.0.0.1:8080"));
		Path state = Path.of(opts.getOrDefault("--state", "target/bench/train.state"));
		String ws;
		if (Files.exists(state)) {
			List<String> lines = Files.readAllLines(state);
			ws = lines.get(0);
			kc.bearer(lines.get(1));
		}
		else {
			String email = "train-" + System.nanoTime() + "@example.com";
			String password = "benchmark-password-" + System.nanoTime();
			kc.post("/api/v1/auth/signup", Map.of("email", email, "password", password), 201);
			kc.bearer(kc.post("/api/v1/auth/login", Map.of("email", email, "password", password), 200)
				.path("access_token").asString());
			ws = kc.post("/api/v1/workspaces", Map.of("name", "Train"), 201).path("id").asString();
			String key = kc.post("/api/v1/workspaces/" + ws + "/api-keys", Map.of("name", "t", "scope", "admin"), 201)
				.path("secret").asString();
			kc.bearer(key);
			StringBuilder jsonl = new StringBuilder();
			for (BeirData.Doc d : beir.corpus()) {
				jsonl.append(KcClient.JSON.writeValueAsString(Map.of("_id", d.id(), "title", d.title(), "text", d.text())))
					.append('\n');
			}
			String importId = kc.startImport(ws, "corpus.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8))
				.path("id").asString();
			while (!kc.get("/api/v1/workspaces/" + ws + "/imports/" + importId).path("state").asString().equals("done")) {
				Thread.sleep(1000);
			}
			Files.createDirectories(state.toAbsolutePath().getParent());
			Files.write(state, List.of(ws, key));
		}
		while (true) {
			int busy = kc.get("/api/v1/workspaces/" + ws + "/documents?status=PENDING&limit=1").path("items").size()
					+ kc.get("/api/v1/workspaces/" + ws + "/documents?status=PROCESSING&limit=1").path("items").size();
			if (busy == 0) {
				break;
			}
			Thread.sleep(2000);
		}
		Map<String, String> ids = new HashMap<>();
		String cursor = null;
		do {
			JsonNode page = kc.get("/api/v1/workspaces/" + ws + "/documents?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
			for (JsonNode d : page.path("items")) {
				ids.put(d.path("file_name").asString().replaceFirst("\\.txt$", ""), d.path("id").asString());
			}
			cursor = page.path("next_cursor").isNull() || page.path("next_cursor").isMissingNode() ? null
					: page.path("next_cursor").asString();
		}
		while (cursor != null);
		Map<String, Set<String>> train = beir.qrels("train");
		List<Map<String, Object>> questions = new ArrayList<>();
		train.forEach((qid, rel) -> questions.add(Map.of("query", beir.queries().get(qid), "relevant_document_ids",
				rel.stream().map(ids::get).filter(java.util.Objects::nonNull).toList())));
		JsonNode report = kc.post("/api/v1/workspaces/" + ws + "/search/evaluate", Map.of("questions", questions), 200);
		for (JsonNode v : report.path("variants")) {
			String mode = v.path("mode").asString();
			if (!mode.equals("hybrid") || v == report.path("variants").get(2)) {
				System.out.printf("%-8s %-40s nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f%n", mode,
						mode.equals("hybrid") ? "best: " + v.path("tuning") : "", v.path("ndcg_at10").asDouble(),
						v.path("recall_at100").asDouble(), v.path("mrr_at10").asDouble());
			}
		}
		System.exit(0);
	}
}
