package io.knowledgecloud.embedding.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Ollama server's {@code POST /api/embed}: {@code {"model", "input": [...]}} answers
 * {@code {"embeddings": [[...], ...]}} in input order. The model must have been pulled; an unknown
 * model is a 404, which is not retryable.
 */
public final class OllamaEmbeddingModel extends RemoteEmbeddingModel {

	private final String model;

	public OllamaEmbeddingModel(EmbeddingSettings.Ollama settings, int batchSize, Duration timeout) {
		super("ollama:" + settings.model(), settings.maxTokens(), batchSize, settings.dimension(),
				new JsonEndpoint("Ollama", resolve(settings.baseUrl(), "/api/embed"), null, timeout));
		this.model = settings.model();
	}

	@Override
	List<float[]> embedBatch(List<String> texts) {
		ObjectNode body = JsonEndpoint.JSON.createObjectNode();
		body.put("model", model);
		texts.forEach(body.putArray("input")::add);
		JsonNode embeddings = endpoint.post(body).path("embeddings");
		if (!embeddings.isArray()) {
			throw endpoint.malformed("answered without an embeddings array");
		}
		List<float[]> vectors = new ArrayList<>(embeddings.size());
		for (JsonNode embedding : embeddings.values()) {
			vectors.add(vector(embedding));
		}
		return vectors;
	}
}
