package io.knowledgecloud.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Ingestion and retrieval benchmark on a BEIR folder, against a running server (started by
 * {@code bench/run-retrieval.sh}) and, in the same run, the bare engine: the in-jar model and
 * Lucene with no KnowledgeCloud code on the path.
 *
 * <ol>
 * <li>bare: embed the corpus, build the index;</li>
 * <li>ours: import the corpus as one {@code corpus.jsonl} ({@code POST …/imports}) and wait until all are indexed;</li>
 * <li>tune hybrid fusion on the train split with {@code POST …/search/evaluate} (never on test);</li>
 * <li>quality on the test split: nDCG@10, Recall@100, MRR@10 per mode, ours and bare;</li>
 * <li>latency p50/p99 and QPS at 1 and 2 concurrent clients, ours (HTTP, query cache off) and
 * bare (in-process);</li>
 * <li>re-import of the unchanged corpus, then a new version of 10 % of the documents.</li>
 * </ol>
 * Writes a Markdown section to {@code --out} and prints it.
 */
public final class RetrievalBenchmark {

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
	private static final List<String> MODES = List.of("keyword", "vector", "hybrid");
	/** Published SciFact test figures, from ../shared/bench/scifact/REFERENCE.md (constants, not measured here). */
	private static final String PUBLISHED_SCIFACT = """
			### Published figures (SciFact test, nDCG@10; from `../shared/bench/scifact/REFERENCE.md`)

			| system | nDCG@10 |
			| --- | --- |
			| BM25 multifield, Elasticsearch (BEIR paper) / Lucene (Anserini) | 0.665 / 0.665 |
			| BM25 flat, Lucene (Anserini) | 0.679 |
			| bge-small-en-v1.5 dense (MTEB) | 0.713 |
			| bge-base-en-v1.5 dense (Anserini) | 0.741 |
			| RRF of BM25 flat + bge-base-en-v1.5 (QuackIR) | 0.744 |

			""";

	private final BeirData beir;
	private final KcClient kc;
	private final BareEngine bare = new BareEngine();
	private final StringBuilder md = new StringBuilder();
	private String ws;
	private final Map<String, String> ourIdToCorpus = new HashMap<>();
	private final Map<String, String> corpusToOurId = new HashMap<>();
	private String fusion = "rrf";
	private int rrfK = 20;
	private double keywordWeight = 0.5;
	private Path vectorsFile;
	private boolean reuseVectors;
	private String engine = "lucene";
	private boolean ingestOnly;
	private long totalChunks;
	private @org.jspecify.annotations.Nullable String serverPid;
	private String ingestPeak = "";
	private @org.jspecify.annotations.Nullable Path indexDir;
	/** Seconds the bare model took for our chunks' texts; negative when not measured. */
	private double bareChunksS = -1;
	private String bareChunksNote = "";

	private RetrievalBenchmark(BeirData beir, String url) {
		this.beir = beir;
		this.kc = new KcClient(url);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			opts.put(args[i], args[i + 1]);
		}
		BeirData beir = BeirData.load(Path.of(opts.getOrDefault("--data", "../shared/bench/scifact")));
		if (opts.containsKey("--limit")) {
			// a quick look at ingestion only: the first N documents (quality needs the whole corpus)
			beir = new BeirData(beir.corpus().subList(0, Math.min(beir.corpus().size(), Integer.parseInt(opts.get("--limit")))),
					beir.queries(), beir.folder());
		}
		var bench = new RetrievalBenchmark(beir, opts.getOrDefault("--url", "http://127.0.0.1:8080"));
		bench.vectorsFile = Path.of(opts.getOrDefault("--vectors", "target/bench/bare-vectors.bin"));
		bench.reuseVectors = opts.getOrDefault("--reuse-vectors", "0").equals("1");
		bench.engine = opts.getOrDefault("--engine", "lucene");
		bench.serverPid = opts.get("--server-pid");
		bench.indexDir = opts.containsKey("--index-dir") ? Path.of(opts.get("--index-dir")) : null;
		bench.ingestOnly = opts.containsKey("--limit") || opts.getOrDefault("--ingest-only", "0").equals("1");
		String section;
		try {
			section = bench.run(opts.getOrDefault("--name", "scifact"));
		}
		catch (Exception | Error e) {
			e.printStackTrace();
			System.exit(1);
			return;
		}
		Path out = Path.of(opts.getOrDefault("--out", "target/bench/retrieval.md"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, section, StandardCharsets.UTF_8);
		System.out.println(section);
		System.exit(0);
	}

	private String run(String name) throws Exception {
		var test = beir.qrels("test");
		var train = beir.qrels("train");
		int docs = beir.corpus().size();
		log("corpus %d documents, %d test and %d train queries", docs, test.size(), train.size());

		bare.embedQuery("warm-up");
		long t = System.nanoTime();
		float[][] vectors;
		double bareEmbedS;
		String bareEmbedNote = "";
		if (reuseVectors && Files.exists(vectorsFile)) {
			var cached = BareVectors.read(vectorsFile, docs);
			vectors = cached.vectors();
			bareEmbedS = cached.seconds();
			bareEmbedNote = " (vectors and time from the run of " + cached.date() + ", reused)";
		}
		else {
			vectors = bare.embedCorpus(beir.corpus());
			bareEmbedS = (System.nanoTime() - t) / 1e9;
			BareVectors.write(vectorsFile, vectors, bareEmbedS);
		}
		double runnerEmbedS = BareEngine.embedCorpusAsKnowledgeCloudRunsTheModel(beir.corpus());
		log("bare: our ONNX session settings embedded the corpus in %.1f s", runnerEmbedS);
		t = System.nanoTime();
		bare.index(beir.corpus(), vectors);
		double bareIndexS = (System.nanoTime() - t) / 1e9;
		log("bare: embedded in %.1f s, indexed in %.1f s", bareEmbedS, bareIndexS);

		account();
		t = System.nanoTime();
		importAll();
		double uploadS = (System.nanoTime() - t) / 1e9;
		awaitIndexed(docs);
		double ingestS = (System.nanoTime() - t) / 1e9;
		ingestPeak = peakRss();
		log("ours: imported in %.1f s, all indexed after %.1f s%s", uploadS, ingestS, ingestPeak);
		mapIds();
		embedOurChunksBare();
		if (ingestOnly) {
			return ingestion(docs, bareEmbedS, bareEmbedNote, runnerEmbedS, ingestS, uploadS, bareIndexS);
		}

		JsonNode tuned = tune(train);

		md.append("Data: `").append(name).append("` (").append(docs).append(" documents; ").append(test.size())
			.append(" test queries for every figure below; fusion tuned on the ").append(train.size())
			.append(" train queries only).\n\n");
		ingestion(docs, bareEmbedS, bareEmbedNote, runnerEmbedS, ingestS, uploadS, bareIndexS);

		md.append("### Quality on the test split\n\n| system | mode | nDCG@10 | Recall@100 | MRR@10 |\n| --- | --- | --- | --- | --- |\n");
		List<String> testIds = new ArrayList<>(test.keySet());
		List<Set<String>> relevant = testIds.stream().map(test::get).toList();
		Map<String, Metrics.Quality> ours = new HashMap<>();
		for (String mode : MODES) {
			List<List<String>> rankings = new ArrayList<>();
			for (String qid : testIds) {
				rankings.add(ourRanking(beir.queries().get(qid), mode, 100));
			}
			ours.put(mode, Metrics.quality(rankings, relevant));
		}
		Map<String, Metrics.Quality> bareQ = new HashMap<>();
		for (String mode : MODES) {
			List<List<String>> rankings = new ArrayList<>();
			for (String qid : testIds) {
				rankings.add(bareRanking(beir.queries().get(qid), mode, 100));
			}
			bareQ.put(mode, Metrics.quality(rankings, relevant));
		}
		for (String mode : MODES) {
			md.append("| KnowledgeCloud (").append(engine).append(") | ").append(mode).append(" | ").append(ours.get(mode).row()).append(" |\n");
		}
		for (String mode : MODES) {
			md.append("| bare Lucene + model | ").append(mode).append(" | ").append(bareQ.get(mode).row()).append(" |\n");
		}
		md.append(String.format(Locale.ROOT,
				"%nHybrid fusion chosen on train by `POST …/search/evaluate`: `%s`, k = %d, keyword weight = %.2f "
						+ "(train nDCG@10 %.3f). The bare hybrid uses the same setting.%n%n",
				fusion, rrfK, keywordWeight, tuned.path("ndcg_at10").asDouble()));

		if (name.startsWith("scifact")) {
			md.append(PUBLISHED_SCIFACT);
		}
		md.append("### Latency (test queries, page of 10; query cache off)\n\n"
				+ "| mode | clients | ours p50 | ours p99 | ours QPS | bare p50 | bare p99 | bare QPS | p50 ratio |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		List<String> queries = testIds.stream().map(beir.queries()::get).toList();
		for (String mode : MODES) {
			Function<String, Object> ourCall = q -> ourRanking(q, mode, 10);
			Function<String, Object> bareCall = q -> bareRanking(q, mode, 100);
			load(queries, ourCall, 1);
			load(queries, bareCall, 1);
			for (int clients : new int[] { 1, 2 }) {
				double[] o = load(queries, ourCall, clients);
				double[] b = load(queries, bareCall, clients);
				md.append(String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.0f | %.2f ms | %.2f ms | %.0f | %.2f |%n",
						mode, clients, o[0], o[1], o[2], b[0], b[1], b[2], o[0] / b[0]));
			}
		}
		md.append("\nOurs is measured over HTTP (JSON, authentication, ACL filter, fusion, collapse, snippets); bare is "
				+ "in-process. Vector and hybrid include the query embedding on both sides (~6 ms of it).\n\n");

		answers(train);
		reimport(ingestS);
		return md.toString();
	}

	/**
	 * The baseline: the bare model embeds the very texts our model read (every chunk with
	 * its title and heading header), read back from the server's Lucene index. The count must match
	 * the chunk counts the API reports, or the run stops.
	 */
	private void embedOurChunksBare() throws java.io.IOException {
		if (indexDir == null) {
			bareChunksNote = "not measured: the " + engine + " engine keeps no index on this machine's disk";
			return;
		}
		List<String> inputs = OurChunks.embeddingInputs(indexDir, ws);
		if (inputs.size() != totalChunks) {
			throw new IllegalStateException("the index holds " + inputs.size() + " chunks of the workspace, the API reports "
					+ totalChunks);
		}
		bareChunksS = bare.embedTexts(inputs);
		log("bare: embedded our %d chunk texts in %.1f s", inputs.size(), bareChunksS);
	}

	private String ingestion(int docs, double bareEmbedS, String bareEmbedNote, double runnerEmbedS, double ingestS,
			double uploadS, double bareIndexS) {
		md.append("### Ingestion\n\n| | time | docs/s | ratio to the bare model | ratio to our bare runner |\n"
				+ "| --- | --- | --- | --- | --- |\n");
		md.append(String.format(Locale.ROOT,
				"| bare model: langchain4j's `embedAll`, `title + text` in batches of 64%s | %.1f s | %.1f | 1.00 | %.2f |%n",
				bareEmbedNote, bareEmbedS, docs / bareEmbedS, runnerEmbedS / bareEmbedS));
		md.append(String.format(Locale.ROOT,
				"| bare runner: the same files and texts through our ONNX Runtime session (one single-threaded call per core) | %.1f s | %.1f | %.2f | 1.00 |%n",
				runnerEmbedS, docs / runnerEmbedS, bareEmbedS / runnerEmbedS));
		md.append(String.format(Locale.ROOT,
				"| KnowledgeCloud: `corpus.jsonl` import → extract → chunk → embed → index, until all `INDEXED` | %.1f s | %.1f | %.2f | %.2f |%n",
				ingestS, docs / ingestS, bareEmbedS / ingestS, runnerEmbedS / ingestS));
		md.append(String.format(Locale.ROOT, "%nKnowledgeCloud made %d chunks of the %d documents: %.1f chunks/s end to end "
				+ "(the lines above embed one text per document).%n", totalChunks, docs, totalChunks / ingestS));
		md.append("\n#### Against the bare model on the same chunks (the issue's ratio, target ≥ 0.90)\n\n");
		if (bareChunksS < 0) {
			md.append("Bare model on our chunks: ").append(bareChunksNote).append(".\n");
		}
		else {
			md.append("| | time | docs/s | chunks/s | ratio |\n| --- | --- | --- | --- | --- |\n");
			md.append(String.format(Locale.ROOT,
					"| bare model: langchain4j's `embedAll` on the %d texts our model read (each chunk with its title and heading header, read back from our index), in batches of 64 | %.1f s | %.1f | %.1f | 1.00 |%n",
					totalChunks, bareChunksS, docs / bareChunksS, totalChunks / bareChunksS));
			md.append(String.format(Locale.ROOT,
					"| KnowledgeCloud end to end (as above) | %.1f s | %.1f | %.1f | %.2f |%n",
					ingestS, docs / ingestS, totalChunks / ingestS, bareChunksS / ingestS));
			md.append("\nThe bare model ran after our ingestion had finished, on the same machine, with the server idle.\n");
		}
		if (!ingestPeak.isEmpty()) {
			md.append(String.format(Locale.ROOT, "%nPeak resident memory of the server until every document was indexed:%s "
					+ "(target ≤ 1.5 GB).%n", ingestPeak));
		}
		md.append(String.format(Locale.ROOT, "%nThe import itself (one document per line, through `POST …/imports`) was done after "
				+ "%.1f s. Bare Lucene indexing took %.1f s.%n%n", uploadS, bareIndexS));
		return md.toString();
	}

	/** The server's peak resident memory so far (VmHWM), when its process id was given and it runs here. */
	private String peakRss() {
		if (serverPid == null) {
			return "";
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", serverPid, "status"))) {
				if (line.startsWith("VmHWM:")) {
					long kb = Long.parseLong(line.replaceAll("\\D", ""));
					return String.format(Locale.ROOT, " %.0f MB", kb / 1024.0);
				}
			}
		}
		catch (java.io.IOException | NumberFormatException e) {
			log("cannot read the server's memory: %s", e);
		}
		return "";
	}

	/** The answer pipeline on train claims: quality through the evaluation endpoint, latency over HTTP. */
	private void answers(Map<String, Set<String>> train) throws Exception {
		List<String> ids = new ArrayList<>(train.keySet()).subList(0, Math.min(100, train.size()));
		List<Map<String, Object>> questions = new ArrayList<>();
		for (String qid : ids) {
			questions.add(Map.of("question", beir.queries().get(qid), "relevant_document_ids",
					train.get(qid).stream().map(corpusToOurId::get).filter(java.util.Objects::nonNull).toList()));
		}
		JsonNode report = kc.post("/api/v1/workspaces/" + ws + "/answers/evaluate", Map.of("questions", questions), 200);
		List<String> texts = ids.stream().map(beir.queries()::get).toList();
		Function<String, Object> ask = q -> kc.post("/api/v1/workspaces/" + ws + "/answers", Map.of("question", q), 200);
		load(texts.subList(0, Math.min(20, texts.size())), ask, 1);
		double[] one = load(texts, ask, 1);
		double[] two = load(texts, ask, 2);
		md.append(String.format(Locale.ROOT, """
				### Answers (extractive answerer, %d train claims as questions; semantic cache off)

				| metric | value |
				| --- | --- |
				| retrieval hit rate (a relevant document among the sources) | %.3f |
				| retrieval MRR | %.3f |
				| answered (not declined) | %.3f |
				| citation precision (quote supports the sentence) | %.3f |
				| citations pointing at a relevant document | %.3f |
				| unsupported-sentence rate | %.3f |
				| mean prompt / answer tokens | %.0f / %.0f |
				| latency over HTTP, 1 client: p50 / p99 | %.1f ms / %.1f ms (%.1f answers/s) |
				| latency over HTTP, 2 clients: p50 / p99 | %.1f ms / %.1f ms (%.1f answers/s) |

				""", ids.size(), report.path("retrieval_hit_rate").asDouble(), report.path("retrieval_mrr").asDouble(),
				report.path("answered_rate").asDouble(), report.path("citation_precision").asDouble(),
				report.path("cited_relevant_rate").asDouble(), report.path("unsupported_sentence_rate").asDouble(),
				report.path("mean_input_tokens").asDouble(), report.path("mean_output_tokens").asDouble(), one[0], one[1],
				one[2], two[0], two[1], two[2]));
	}

	private void account() {
		String email = "bench-" + System.nanoTime() + "@example.com";
		String password = "benchmark-password-" + System.nanoTime();
		kc.post("/api/v1/auth/signup", Map.of("email", email, "password", password), 201);
		JsonNode tokens = kc.post("/api/v1/auth/login", Map.of("email", email, "password", password), 200);
		kc.bearer(tokens.path("access_token").asString());
		ws = kc.post("/api/v1/workspaces", Map.of("name", "Benchmark"), 201).path("id").asString();
		JsonNode key = kc.post("/api/v1/workspaces/" + ws + "/api-keys", Map.of("name", "bench", "scope", "admin"), 201);
		kc.bearer(key.path("secret").asString());
	}

	/** The corpus as one BEIR {@code corpus.jsonl} through the bulk import endpoint; returns when every line is read. */
	private void importAll() throws InterruptedException {
		StringBuilder jsonl = new StringBuilder();
		for (BeirData.Doc d : beir.corpus()) {
			jsonl.append(JSON.writeValueAsString(Map.of("_id", d.id(), "title", d.title(), "text", d.text()))).append('\n');
		}
		String id = kc.startImport(ws, "corpus.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8)).path("id").asString();
		while (true) {
			JsonNode status = kc.get("/api/v1/workspaces/" + ws + "/imports/" + id);
			String state = status.path("state").asString();
			if (state.equals("done")) {
				if (status.path("failed").asLong() > 0) {
					log("WARNING: %d lines failed: %s", status.path("failed").asLong(), status.path("errors"));
				}
				return;
			}
			if (state.equals("failed")) {
				throw new IllegalStateException("the import failed: " + status);
			}
			Thread.sleep(250);
		}
	}

	private <T> void parallel(List<T> items, java.util.function.Consumer<T> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		AtomicInteger next = new AtomicInteger();
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < 2; w++) {
			futures.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
					work.accept(items.get(i));
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
	}

	private void awaitIndexed(int expected) throws InterruptedException {
		while (true) {
			int pending = kc.get(docs("status=PENDING&limit=1")).path("items").size()
					+ kc.get(docs("status=PROCESSING&limit=1")).path("items").size();
			if (pending == 0) {
				break;
			}
			Thread.sleep(1000);
		}
		int failed = kc.get(docs("status=FAILED&limit=100")).path("items").size();
		if (failed > 0) {
			log("WARNING: %d documents FAILED", failed);
		}
	}

	private String docs(String query) {
		return "/api/v1/workspaces/" + ws + "/documents?" + query;
	}

	private void mapIds() {
		String cursor = null;
		do {
			JsonNode page = kc.get(docs("limit=100" + (cursor == null ? "" : "&cursor=" + cursor)));
			for (JsonNode d : page.path("items")) {
				String corpusId = d.path("file_name").asString().replaceFirst("\\.txt$", "");
				ourIdToCorpus.put(d.path("id").asString(), corpusId);
				totalChunks += d.path("chunk_count").asLong();
				corpusToOurId.put(corpusId, d.path("id").asString());
			}
			cursor = page.path("next_cursor").isNull() || page.path("next_cursor").isMissingNode() ? null
					: page.path("next_cursor").asString();
		}
		while (cursor != null);
		log("mapped %d documents", ourIdToCorpus.size());
	}

	private JsonNode tune(Map<String, Set<String>> train) {
		List<Map<String, Object>> questions = new ArrayList<>();
		train.forEach((qid, rel) -> questions.add(Map.of("query", beir.queries().get(qid), "relevant_document_ids",
				rel.stream().map(corpusToOurId::get).filter(java.util.Objects::nonNull).toList())));
		JsonNode report = kc.post("/api/v1/workspaces/" + ws + "/search/evaluate",
				Map.of("questions", questions, "apply", true), 200);
		JsonNode best = report.path("best");
		fusion = best.path("fusion").asString();
		rrfK = best.path("rrf_k").asInt();
		keywordWeight = best.path("keyword_weight").asDouble();
		for (JsonNode v : report.path("variants")) {
			if (v.path("mode").asString().equals("hybrid")) {
				return v;
			}
		}
		return report;
	}

	private List<String> ourRanking(String query, String mode, int limit) {
		JsonNode hits = kc.get("/api/v1/workspaces/" + ws + "/search?q=" + KcClient.enc(query) + "&mode=" + mode
				+ "&limit=" + limit + "&collapse=document").path("items");
		List<String> ids = new ArrayList<>();
		for (JsonNode h : hits) {
			ids.add(ourIdToCorpus.get(h.path("document_id").asString()));
		}
		return ids;
	}

	private List<String> bareRanking(String query, String mode, int k) {
		try {
			return switch (mode) {
				case "keyword" -> new ArrayList<>(bare.bm25(query, k).keySet());
				case "vector" -> new ArrayList<>(bare.knn(bare.embedQuery(query), k, 300).keySet());
				default -> BareEngine.fuse(bare.bm25(query, k), bare.knn(bare.embedQuery(query), k, 300), fusion, rrfK,
						keywordWeight);
			};
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Runs every query once per client; answers {p50 ms, p99 ms, queries per second}. */
	private static double[] load(List<String> queries, Function<String, Object> call, int clients) throws Exception {
		long[] nanos = new long[queries.size() * clients];
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			int offset = c * queries.size();
			int shift = c * 7;
			futures.add(pool.submit(() -> {
				for (int i = 0; i < queries.size(); i++) {
					long t = System.nanoTime();
					call.apply(queries.get((i + shift) % queries.size()));
					nanos[offset + i] = System.nanoTime() - t;
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		double[] p = Metrics.percentiles(nanos);
		return new double[] { p[0], p[1], nanos.length / seconds };
	}

	private void reimport(double firstIngestS) throws Exception {
		int docs = beir.corpus().size();
		long t = System.nanoTime();
		importAll();
		awaitIndexed(docs);
		double unchangedS = (System.nanoTime() - t) / 1e9;
		List<BeirData.Doc> edited = new ArrayList<>();
		for (int i = 0; i < docs; i += 10) {
			edited.add(beir.corpus().get(i));
		}
		t = System.nanoTime();
		parallel(edited, d -> kc.newVersion(ws, corpusToOurId.get(d.id()), d.id() + ".txt",
				(d.title() + "\n\n" + d.text() + "\n\nEdited: this abstract was revised.").getBytes(StandardCharsets.UTF_8)));
		awaitIndexed(docs);
		double editedS = (System.nanoTime() - t) / 1e9;
		md.append("### Re-import\n\n| run | time | share of the first import |\n| --- | --- | --- |\n");
		md.append(String.format(Locale.ROOT, "| first import | %.1f s | 100 %% |%n", firstIngestS));
		md.append(String.format(Locale.ROOT, "| the same `corpus.jsonl` of %d lines again (exact duplicates are recognised) | %.1f s | %.1f %% |%n",
				docs, unchangedS, 100 * unchangedS / firstIngestS));
		md.append(String.format(Locale.ROOT, "| new version of %d documents (10 %%) | %.1f s | %.1f %% |%n%n", edited.size(),
				editedS, 100 * editedS / firstIngestS));
	}

	private static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}
}
