package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.knowledgecloud.search.spi.Reranker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a {@code /rerank} service. Two wire formats: {@code cohere} (Cohere, Jina, and most
 * hosted re-rankers: {@code {model, query, documents, top_n}} answered by
 * {@code {results: [{index, relevance_score}]}}) and {@code tei} (Hugging Face Text Embeddings
 * Inference: {@code {query, texts}} answered by {@code [{index, score}]}). A failure or timeout
 * keeps the fused order: re-ranking improves results but must never break search.
 */
final class HttpReranker implements Reranker {

	private static final Logger log = LoggerFactory.getLogger(HttpReranker.class);

	private final URI url;
	private final String format;
	private final @Nullable String model;
	private final @Nullable String apiKey;
	private final Duration timeout;
	private final HttpClient http;
	private final JsonMapper json = JsonMapper.builder().build();

	HttpReranker(URI url, String format, @Nullable String model, @Nullable String apiKey, Duration timeout) {
		this.url = url;
		this.format = format;
		this.model = model;
		this.apiKey = apiKey;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
	}

	@Override
	public String id() {
		return "http";
	}

	@Override
	public List<Double> scores(String query, List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (model != null) {
			body.put("model", model);
		}
		body.put("query", query);
		body.put(format.equals("tei") ? "texts" : "documents", texts);
		if (format.equals("cohere")) {
			body.put("top_n", texts.size());
		}
		try {
			var request = HttpRequest.newBuilder(url)
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
			if (apiKey != null) {
				request.header("Authorization", "Bearer " + apiKey);
			}
			HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() / 100 != 2) {
				log.warn("rerank service answered {}; keeping the fused order", response.statusCode());
				return List.of();
			}
			JsonNode root = json.readTree(response.body());
			JsonNode results = format.equals("tei") ? root : root.path("results");
			double[] scores = new double[texts.size()];
			Arrays.fill(scores, Double.NEGATIVE_INFINITY);
			for (JsonNode r : results) {
				int index = r.path("index").asInt(-1);
				JsonNode score = format.equals("tei") ? r.path("score") : r.path("relevance_score");
				if (index < 0 || index >= texts.size() || !score.isNumber()) {
					log.warn("rerank service answered an unusable result; keeping the fused order");
					return List.of();
				}
				scores[index] = score.asDouble();
			}
			List<Double> out = new ArrayList<>(scores.length);
			for (double s : scores) {
				out.add(s);
			}
			return out;
		}
		catch (IOException | RuntimeException e) {
			log.warn("rerank service failed ({}); keeping the fused order", e.toString());
			return List.of();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}
}
