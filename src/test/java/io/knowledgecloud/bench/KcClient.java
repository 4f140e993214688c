package io.knowledgecloud.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the KnowledgeCloud API, as a user's program would call it. */
final class KcClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();
	private final String base;
	private String auth;

	KcClient(String base) {
		this.base = base;
	}

	void bearer(String token) {
		this.auth = "Bearer " + token;
	}

	JsonNode get(String path) {
		return send(request(path).GET().build(), 200);
	}

	JsonNode post(String path, Object body, int expected) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
			.build(), expected);
	}

	/** Uploads a file; answers the document (202 new, 200 exact duplicate). */
	JsonNode upload(String workspace, String fileName, byte[] content, Map<String, String> fields) {
		return multipart("POST", "/api/v1/workspaces/" + workspace + "/documents", fileName, content, fields);
	}

	/** Starts a bulk import of a BEIR {@code corpus.jsonl}; answers the import (202). */
	JsonNode startImport(String workspace, String fileName, byte[] content) {
		return multipart("POST", "/api/v1/workspaces/" + workspace + "/imports", fileName, content, Map.of());
	}

	JsonNode newVersion(String workspace, String id, String fileName, byte[] content) {
		return multipart("PUT", "/api/v1/workspaces/" + workspace + "/documents/" + id + "/content", fileName, content,
				Map.of());
	}

	private JsonNode multipart(String method, String path, String fileName, byte[] content, Map<String, String> fields) {
		String boundary = "kc" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		try {
			for (var f : fields.entrySet()) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
						+ f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(content);
			body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), -1);
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5));
		if (auth != null) {
			builder.header("Authorization", auth);
		}
		return builder;
	}

	private JsonNode send(HttpRequest request, int expected) {
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			boolean ok = expected == -1 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
			if (!ok) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
			}
			return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
