package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.KeywordQuery;

/**
 * A hybrid query's {@code _msearch} whose items fail, against a local HTTP server that answers
 * like OpenSearch's REST API: an item rejected with 429 is searched again on its own; any other
 * item failure is a {@code search_unavailable} problem, never an unnamed 500.
 */
class OpenSearchHybridRejectionTest {

	private static final UUID WORKSPACE = UUID.randomUUID();
	private static final String REJECTED = """
			{"error":{"type":"es_rejected_execution_exception","reason":"search queue is full"},"status":429}""";
	private static final String BROKEN = """
			{"error":{"type":"search_phase_execution_exception","reason":"all shards failed"},"status":500}""";

	private final Queue<String> requests = new ConcurrentLinkedQueue<>();
	private HttpServer server;
	private OpenSearchIndex index;
	private volatile String msearchItems;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::answer);
		server.start();
		var settings = new SearchSettings.OpenSearch(
				List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), null, null, "kc-test", 1, 0);
		index = new OpenSearchIndex(settings, Duration.ofSeconds(1));
	}

	@AfterEach
	void stop() throws IOException {
		index.close();
		server.stop(0);
	}

	@Test
	void aKeywordSearchRejectedWith429IsSentAgainOnItsOwn() {
		msearchItems = REJECTED + "," + result(0.9);

		var matches = index.hybrid("g1", new KeywordQuery("queue", false, 1, 1), () -> new float[] { 1, 0 },
				IndexFilter.of(WORKSPACE, null), 5, 10);

		assertThat(matches.keyword()).hasSize(1);
		assertThat(matches.keyword().getFirst().chunk().text()).isEqualTo("from a single search");
		assertThat(matches.vector()).extracting(m -> m.chunk().text()).containsExactly("from the msearch");
		// rejected a second time, then answered: the keyword search alone is sent twice more
		assertThat(requests).containsExactly("HEAD /kc-test-g1", "POST /_msearch", "POST /_msearch", "POST /_msearch");
	}

	@Test
	void anItemThatFailsOtherwiseIsSearchUnavailable() {
		msearchItems = result(0.9) + "," + BROKEN;

		assertThatThrownBy(() -> index.hybrid("g1", new KeywordQuery("queue", false, 1, 1), () -> new float[] { 1, 0 },
				IndexFilter.of(WORKSPACE, null), 5, 10))
			.isInstanceOfSatisfying(SearchProblems.Unavailable.class, e -> {
				assertThat(e.code()).isEqualTo("search_unavailable");
				assertThat(e.status().value()).isEqualTo(503);
				assertThat(e.getMessage()).contains("500", "all shards failed");
			});
		assertThat(requests).containsExactly("HEAD /kc-test-g1", "POST /_msearch");
	}

	private void answer(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getPath();
		requests.add(exchange.getRequestMethod() + " " + path);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
			return;
		}
		int msearch = (int) requests.stream().filter(r -> r.equals("POST /_msearch")).count();
		String body = !path.equals("/_msearch") ? null
				: msearch == 1 ? "{\"took\":1,\"responses\":[" + msearchItems + "]}"
				: msearch == 2 ? "{\"took\":1,\"responses\":[" + REJECTED + "]}"
				: "{\"took\":1,\"responses\":[" + item(0.7, "from a single search") + "]}";
		byte[] bytes = (body == null ? "{\"error\":\"unexpected\"}" : body).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static String result(double score) {
		return item(score, "from the msearch");
	}

	private static String item(double score, String text) {
		String search = searchResult(score, text);
		return search.substring(0, search.length() - 1) + ",\"status\":200}";
	}

	private static String searchResult(double score, String text) {
		String chunk = """
				{"chunk_id":"%s","workspace_id":"%s","document_id":"%s","version":1,"ordinal":0,"title":"Queues",
				"headings":"","heading_path":[],"page":null,"start_offset":0,"end_offset":%d,"text":"%s",
				"token_count":4,"content_hash":"h","model_id":"m","tag":[],"collection":null,
				"media_type":"text/plain","created":0,"acl":["*"],"write_version":1}"""
			.formatted(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), text.length(), text);
		return """
				{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
				"hits":{"max_score":%s,"hits":[{"_index":"kc-test-g1-v1","_id":"c","_score":%s,"_source":%s}]}}"""
			.formatted(score, score, chunk);
	}
}
