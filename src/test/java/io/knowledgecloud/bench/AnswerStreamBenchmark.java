package io.knowledgecloud.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.knowledgecloud.embedding.internal.OnnxBgeSmallEmbeddingModel;

/**
 * Time to the first streamed answer token that KnowledgeCloud adds over a language model that
 * answers instantly: a local server speaking the OpenAI streaming protocol answers at once; the jar
 * (started here as a child process, provider {@code openai} pointed at that server) is asked the
 * same questions with {@code Accept: text/event-stream}. Reported: time to the first {@code token}
 * event through KnowledgeCloud, time to the first chunk from the provider alone, and the bare in-jar
 * model embedding each question (the engine step on the path), all in the same run.
 */
public final class AnswerStreamBenchmark {

	private static final String CHUNKS = """
			data: {"model":"instant","choices":[{"delta":{"role":"assistant","content":"The sources say so. [1]"}}]}

			data: {"choices":[{"delta":{},"finish_reason":"stop"}]}

			data: {"choices":[],"usage":{"prompt_tokens":100,"completion_tokens":5}}

			data: [DONE]

			""";

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			opts.put(args[i], args[i + 1]);
		}
		BeirData beir = BeirData.load(Path.of(opts.getOrDefault("--data", "../shared/bench/scifact")));
		int docs = Integer.parseInt(opts.getOrDefault("--documents", "1000"));
		Path out = Path.of(opts.getOrDefault("--out", "target/bench/answer-stream.md"));
		HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		provider.createContext("/v1/chat/completions", exchange -> {
			exchange.getRequestBody().readAllBytes();
			byte[] body = CHUNKS.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		provider.start();
		String providerUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		Path dataDir = Files.createTempDirectory("kc-stream-bench");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		String serverOpts = opts.getOrDefault("--server-java-opts", "").strip();
		if (!serverOpts.isEmpty()) {
			command.addAll(List.of(serverOpts.split("\\s+")));
		}
		command.addAll(List.of("-jar", opts.getOrDefault("--jar", "target/knowledgecloud-0.1.0-SNAPSHOT.jar")));
		var builder = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.redirectOutput(new File(dataDir.toFile(), "server.log"));
		builder.environment().putAll(Map.of("SERVER_PORT", String.valueOf(port), "KC_DATA_DIR", dataDir.toString(),
				"KC_RATE_LIMIT_ENABLED", "false", "KC_ASSISTANT_PROVIDER", "openai", "KC_ASSISTANT_BASE_URL", providerUrl,
				"KC_ASSISTANT_MODEL", "instant", "KC_ASSISTANT_SEMANTIC_CACHE_ENABLED", "false", "KC_SEARCH_CACHE_ENABLED",
				"false"));
		Process server = builder.start();
		try {
			String base = "http://127.0.0.1:" + port;
			awaitReady(base, server);
			KcClient kc = new KcClient(base);
			String email = "stream-" + System.nanoTime() + "@example.com";
			String password = "benchmark-password-" + System.nanoTime();
			kc.post("/api/v1/auth/signup", Map.of("email", email, "password", password), 201);
			kc.bearer(kc.post("/api/v1/auth/login", Map.of("email", email, "password", password), 200)
				.path("access_token")
				.asString());
			String ws = kc.post("/api/v1/workspaces", Map.of("name", "Stream"), 201).path("id").asString();
			String key = kc.post("/api/v1/workspaces/" + ws + "/api-keys", Map.of("name", "b", "scope", "admin"), 201)
				.path("secret")
				.asString();
			kc.bearer(key);
			List<BeirData.Doc> corpus = beir.corpus().subList(0, Math.min(docs, beir.corpus().size()));
			for (BeirData.Doc d : corpus) {
				kc.upload(ws, d.id() + ".txt", (d.title() + "\n\n" + d.text()).getBytes(StandardCharsets.UTF_8),
						Map.of("title", d.title().isBlank() ? d.id() : d.title()));
			}
			while (kc.get("/api/v1/workspaces/" + ws + "/documents?status=PENDING&limit=1").path("items").size()
					+ kc.get("/api/v1/workspaces/" + ws + "/documents?status=PROCESSING&limit=1").path("items").size() > 0) {
				Thread.sleep(1000);
			}
			int measured = Integer.parseInt(opts.getOrDefault("--questions", "100"));
			List<String> questions = new ArrayList<>(beir.queries().values()).subList(0, measured + 20);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			long[] ours = new long[measured];
			long[] retrieval = new long[measured];
			long[] bare = new long[measured];
			long[] embedding = new long[measured];
			// the bare engine in this JVM: the in-jar model embedding the same question, between requests
			var model = new OnnxBgeSmallEmbeddingModel(1);
			model.load();
			for (int round = 0; round < 2; round++) {
				for (int i = 0; i < measured; i++) {
					String q = questions.get(round == 0 ? measured + i % 20 : i);
					long[] t = firstEvents(http, base + "/api/v1/workspaces/" + ws + "/answers", key, q);
					long b = firstChunk(http, providerUrl + "/chat/completions");
					long e = System.nanoTime();
					model.embedQuery(q);
					e = System.nanoTime() - e;
					if (round == 1) {
						retrieval[i] = t[0];
						ours[i] = t[1];
						bare[i] = b;
						embedding[i] = e;
					}
				}
			}
			model.close();
			double[] o = Metrics.percentiles(ours);
			double[] r = Metrics.percentiles(retrieval);
			double[] p = Metrics.percentiles(bare);
			double[] m = Metrics.percentiles(embedding);
			String section = String.format(Locale.ROOT, """
					### Streaming: time to the first event (%d documents, %d questions, provider answers instantly)

					| measure | p50 | p99 |
					| --- | --- | --- |
					| provider alone: request → first chunk | %.2f ms | %.2f ms |
					| KnowledgeCloud: request → `retrieval` event | %.2f ms | %.2f ms |
					| KnowledgeCloud: request → first `token` event | %.2f ms | %.2f ms |
					| added by KnowledgeCloud (first token − provider alone) | %.2f ms | %.2f ms |
					| bare engine: one query embedding, in-jar model, no server | %.2f ms | %.2f ms |
					| added beyond the query embedding (first token − provider alone − embedding) | %.2f ms | %.2f ms |

					The added time is authentication, query embedding, hybrid retrieval, context assembly and
					prompt rendering before the provider is called. The query embedding is the one step the
					engine bounds: the bare model, measured in the same run on the same questions, is shown
					with what the rest of the path adds beyond it (differences of percentiles).

					""", corpus.size(), measured, p[0], p[1], r[0], r[1], o[0], o[1], o[0] - p[0], o[1] - p[1], m[0], m[1],
					o[0] - p[0] - m[0], o[1] - p[1] - m[1]);
			Files.createDirectories(out.toAbsolutePath().getParent());
			Files.writeString(out, section);
			System.out.println(section);
		}
		finally {
			server.destroy();
			server.waitFor();
			provider.stop(0);
		}
		System.exit(0);
	}

	/** Nanoseconds to the first {@code retrieval} and the first {@code token} event. */
	private static long[] firstEvents(HttpClient http, String url, String key, String question)
			throws IOException, InterruptedException {
		byte[] body = KcClient.JSON.writeValueAsBytes(Map.of("question", question));
		long start = System.nanoTime();
		HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		long retrieval = -1;
		long token = -1;
		try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("event:retrieval") && retrieval < 0) {
					retrieval = System.nanoTime() - start;
				}
				if (line.startsWith("event:token") && token < 0) {
					token = System.nanoTime() - start;
				}
			}
		}
		if (token < 0) {
			throw new IllegalStateException("no token event for " + question + " (status " + response.statusCode() + ")");
		}
		return new long[] { retrieval, token };
	}

	private static long firstChunk(HttpClient http, String url) throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"instant\",\"stream\":true,\"messages\":[]}"))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		long first = -1;
		try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("data:") && first < 0) {
					first = System.nanoTime() - start;
				}
			}
		}
		return first;
	}

	private static void awaitReady(String base, Process server) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < 480; i++) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server exited");
			}
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the server did not become ready");
	}

}
