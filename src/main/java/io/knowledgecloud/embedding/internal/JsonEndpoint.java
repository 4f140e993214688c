package io.knowledgecloud.embedding.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.knowledgecloud.embedding.EmbeddingFailed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON to one provider URL and turns every way that can fail into {@link EmbeddingFailed}:
 * no answer or HTTP 408/429/5xx is retryable, any other non-2xx or an unparsable body is not.
 * Our own mapper, not the application's: the providers' JSON is neither snake_case-only nor free
 * of properties we do not read.
 */
final class JsonEndpoint implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger log = LoggerFactory.getLogger(JsonEndpoint.class);

	private final String provider;
	private final URI uri;
	private final @Nullable String apiKey;
	private final Duration timeout;
	private final HttpClient http;

	/**
	 * @param provider how errors name the provider, e.g. {@code Ollama}
	 * @param apiKey sent as a bearer token; {@code null} or blank sends no {@code Authorization}
	 * @param timeout for connecting and, separately, for the whole answer
	 */
	JsonEndpoint(String provider, URI uri, @Nullable String apiKey, Duration timeout) {
		this.provider = provider;
		this.uri = uri;
		this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
		this.timeout = timeout;
		// HTTP/1.1: local model servers speak it, and plain-http HTTP/2 would try an h2c upgrade on every call
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	URI uri() {
		return uri;
	}

	JsonNode post(JsonNode body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		HttpResponse<byte[]> response = send(request.build());
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			try {
				return JSON.readTree(response.body());
			}
			catch (JacksonException ex) {
				log.warn("{} at {} answered {} with malformed JSON: {}", provider, uri, status, excerpt(response.body()));
				throw malformed("answered malformed JSON");
			}
		}
		log.warn("{} at {} answered {}: {}", provider, uri, status, excerpt(response.body()));
		String detail = "The embedding provider (" + provider + ") answered HTTP " + status + ".";
		if (status == 408 || status == 429 || status >= 500) {
			throw EmbeddingFailed.unavailable(detail, retryAfter(response));
		}
		throw EmbeddingFailed.providerError(detail);
	}

	/** The answer parsed, but does not have the shape the protocol promises. */
	EmbeddingFailed malformed(String what) {
		return EmbeddingFailed.providerError("The embedding provider (" + provider + ") " + what + ".");
	}

	private HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return http.send(request, BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			throw EmbeddingFailed.unavailable("The embedding provider (" + provider + ") did not answer within "
					+ timeout.toMillis() + " ms.", null);
		}
		catch (IOException ex) {
			throw EmbeddingFailed.unavailable("The embedding provider (" + provider + ") could not be reached ("
					+ ex.getClass().getSimpleName() + ").", null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw EmbeddingFailed.unavailable("Interrupted while waiting for the embedding provider (" + provider + ").",
					null);
		}
	}

	/** Only the delta-seconds form; an HTTP-date is rare from these servers and ignoring it is harmless. */
	private static @Nullable Duration retryAfter(HttpResponse<?> response) {
		String value = response.headers().firstValue("Retry-After").orElse(null);
		if (value == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.trim());
			return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String excerpt(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
		return text.replaceAll("\\s+", " ");
	}

	@Override
	public void close() {
		http.close();
	}
}
