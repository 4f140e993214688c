package io.knowledgecloud.embedding.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any endpoint that speaks OpenAI's {@code POST /v1/embeddings} (OpenAI, Azure-style gateways,
 * vLLM, LM Studio, LocalAI, Ollama's compatibility layer, ...). The answer's {@code data[]} is put
 * back in input order by each item's {@code index}; the protocol does not promise any order.
 */
public final class OpenAiCompatibleEmbeddingModel extends RemoteEmbeddingModel {

	private final String model;

	public OpenAiCompatibleEmbeddingModel(EmbeddingSettings.OpenAi settings, int batchSize, Duration timeout) {
		super(settings.modelId(), settings.maxTokens(), batchSize, settings.dimension(),
				new JsonEndpoint("OpenAI-compatible", embeddingsUri(settings.baseUrl()), settings.apiKey(), timeout));
		this.model = settings.model();
	}

	/** {@code <base>/v1/embeddings}; a base that already ends in {@code /v1} (as OpenAI's SDKs write it) is accepted too. */
	static URI embeddingsUri(URI baseUrl) {
		String base = baseUrl.toString().replaceAll("/+$", "");
		return resolve(URI.create(base), base.endsWith("/v1") ? "/embeddings" : "/v1/embeddings");
	}

	@Override
	List<float[]> embedBatch(List<String> texts) {
		ObjectNode body = JsonEndpoint.JSON.createObjectNode();
		body.put("model", model);
		texts.forEach(body.putArray("input")::add);
		JsonNode data = endpoint.post(body).path("data");
		if (!data.isArray()) {
			throw endpoint.malformed("answered without a data array");
		}
		float[][] vectors = new float[texts.size()][];
		for (JsonNode item : data.values()) {
			JsonNode index = item.path("index");
			if (!index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0
					|| index.intValue() >= vectors.length || vectors[index.intValue()] != null) {
				throw endpoint.malformed("answered a missing, repeated or out-of-range index");
			}
			vectors[index.intValue()] = vector(item.path("embedding"));
		}
		if (Arrays.stream(vectors).anyMatch(v -> v == null)) {
			throw endpoint.malformed("answered " + data.size() + " vectors for " + texts.size() + " texts");
		}
		return Arrays.asList(vectors);
	}
}
