package io.knowledgecloud.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP re-ranker against a local server speaking the Cohere {@code /rerank} protocol: it
 * re-orders hits, and when the service fails search still answers in the fused order.
 */
@IntegrationTest
class RerankIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
	private static final AtomicInteger failWith = new AtomicInteger();
	private static final HttpServer server = start();

	@DynamicPropertySource
	static void rerank(DynamicPropertyRegistry registry) {
		registry.add("kc.search.rerank.provider", () -> "http");
		registry.add("kc.search.rerank.url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/rerank");
		registry.add("kc.search.rerank.model", () -> "rerank-test");
		registry.add("kc.search.rerank.api-key", () -> "secret-key");
		registry.add("kc.search.cache.enabled", () -> "false");
	}

	private final Api api;

	RerankIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	/** Scores each document by how often it says "zebra": the opposite of what BM25 would prefer. */
	private static HttpServer start() {
		try {
			HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			s.createContext("/rerank", exchange -> {
				JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
				lastRequest.set(body);
				byte[] answer;
				int status = failWith.get();
				if (status != 0 || !"Bearer secret-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					answer = "{\"message\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8);
					status = status == 0 ? 401 : status;
				}
				else {
					List<Map<String, Object>> results = new ArrayList<>();
					int i = 0;
					for (JsonNode doc : body.path("documents")) {
						int zebras = doc.asString().split("zebra", -1).length - 1;
						results.add(Map.of("index", i++, "relevance_score", zebras / 10.0));
					}
					answer = JSON.writeValueAsBytes(Map.of("id", "r1", "results", results));
					status = 200;
				}
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			s.start();
			return s;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void theRerankerReordersHitsAndFailuresKeepTheFusedOrder() {
		Api.User owner = api.signUp("rerank");
		String ws = api.createWorkspace(owner, "Rerank");
		String lion = upload(api, owner, ws, "lion.md", "# Savanna\n\nThe savanna lion hunts on the savanna. "
				+ "Savanna grass hides the savanna lion. A zebra passes.");
		String zebra = upload(api, owner, ws, "zebra.md",
				"# Herds\n\nA zebra herd, zebra foals and zebra stripes crossing the savanna.");
		String query = "/api/v1/workspaces/" + ws + "/search?q=savanna&mode=keyword&explain=true";

		Response reranked = api.get(query).token(owner.accessToken()).send();
		JsonNode hits = reranked.json().path("items");
		assertThat(hits.get(0).path("document_id").asString()).isEqualTo(zebra);
		assertThat(hits.get(0).path("explain").path("keyword_rank").asInt()).isEqualTo(2);
		assertThat(hits.get(0).path("explain").path("rerank_score").asDouble()).isEqualTo(0.3);
		assertThat(hits.get(0).path("score").asDouble()).isEqualTo(0.3);
		assertThat(lastRequest.get().path("model").asString()).isEqualTo("rerank-test");
		assertThat(lastRequest.get().path("query").asString()).isEqualTo("savanna");
		assertThat(lastRequest.get().path("top_n").asInt()).isEqualTo(2);

		failWith.set(429);
		try {
			JsonNode fused = api.get(query).token(owner.accessToken()).send().json().path("items");
			assertThat(fused.get(0).path("document_id").asString()).isEqualTo(lion);
			assertThat(fused.get(0).path("explain").path("rerank_score").isNull()).isTrue();
		}
		finally {
			failWith.set(0);
		}
	}

	private static String upload(Api api, Api.User owner, String ws, String name, String text) {
		String base = "/api/v1/workspaces/" + ws + "/documents";
		String id = api.post(base).token(owner.accessToken())
			.multipart(name, text.getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.get("id");
		Api.eventually(Duration.ofSeconds(90),
				() -> api.get(base + "/" + id).token(owner.accessToken()).send().get("status").equals("INDEXED") ? true
						: null);
		return id;
	}
}
