package io.knowledgecloud.assistant.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.knowledgecloud.assistant.spi.ChatModelFailed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON to one chat provider URL, whole or as a server-sent event stream, within a
 * {@link Deadline}, and turns every way that can fail into {@link ChatModelFailed} (see
 * {@link ProviderErrors}). Everything runs on the caller's thread: the stream's lines are handed
 * over through a queue that the caller polls with the time left, so a provider that stalls
 * half-way through a stream times out like one that never answers.
 */
final class ProviderEndpoint implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger log = LoggerFactory.getLogger(ProviderEndpoint.class);

	private final String provider;
	private final URI uri;
	private final Map<String, String> headers;
	private final ProviderErrors errors;
	private final HttpClient http;

	/**
	 * @param provider how errors name the provider, e.g. {@code OpenAI-compatible provider}
	 * @param headers sent with every request (credentials, protocol version)
	 * @param secret a credential among the headers, blanked out of any error text
	 */
	ProviderEndpoint(String provider, URI uri, Map<String, String> headers, @Nullable String secret,
			Duration connectTimeout) {
		this.provider = provider;
		this.uri = uri;
		this.headers = Map.copyOf(headers);
		this.errors = new ProviderErrors(provider, secret);
		// HTTP/1.1: local model servers speak it, and plain-http HTTP/2 would try an h2c upgrade on every call
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	URI uri() {
		return uri;
	}

	/** The whole answer. */
	JsonNode post(JsonNode body, Deadline deadline) {
		CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request(body, deadline, "application/json"),
				BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try {
			response = future.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw errors.timedOut();
		}
		catch (ExecutionException ex) {
			throw unreachable(ex.getCause());
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw errors.interrupted();
		}
		String text = new String(response.body(), StandardCharsets.UTF_8);
		if (response.statusCode() / 100 != 2) {
			throw errors.answered(response.statusCode(), response.headers(), text);
		}
		return parse(text);
	}

	/**
	 * The answer as server-sent events, each handed to {@code events} on the caller's thread as it
	 * arrives; {@code sent} runs on the caller's thread once the request has been handed to the HTTP
	 * client, while the provider works on it. An exception from {@code events} ends the stream (the
	 * connection is dropped).
	 */
	void stream(JsonNode body, Deadline deadline, Runnable sent, Consumer<SseParser.Event> events) {
		LineQueue lines = new LineQueue();
		CompletableFuture<HttpResponse<Void>> future = http.sendAsync(request(body, deadline, "text/event-stream"),
				info -> {
					lines.items.add(new Head(info.statusCode(), info.headers()));
					return BodySubscribers.fromLineSubscriber(lines, s -> null, StandardCharsets.UTF_8, null);
				});
		future.whenComplete((r, ex) -> {
			if (ex != null) {
				lines.items.add(ex);
			}
		});
		try {
			sent.run();
			Head head = (Head) next(lines, deadline);
			if (head.status() / 100 != 2) {
				StringBuilder text = new StringBuilder();
				for (Object item = next(lines, deadline); item != LineQueue.END; item = next(lines, deadline)) {
					text.append(item).append('\n');
				}
				throw errors.answered(head.status(), head.headers(), text.toString());
			}
			SseParser parser = new SseParser(events);
			for (Object item = next(lines, deadline); item != LineQueue.END; item = next(lines, deadline)) {
				parser.line((String) item);
			}
			parser.end();
		}
		finally {
			lines.cancel();
			future.cancel(true);
		}
	}

	/** The answer parsed, but does not have the shape the protocol promises. */
	ChatModelFailed malformed(String what) {
		return errors.malformed(what);
	}

	/** The stream ended (the connection closed) before the protocol's last event. */
	ChatModelFailed endedEarly() {
		return errors.endedEarly();
	}

	/** An error object inside a 200 stream. */
	ChatModelFailed streamError(int status, JsonNode error) {
		return errors.inStream(status, error);
	}

	JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			log.warn("{} at {} answered malformed JSON: {}", provider, uri, errors.excerpt(text));
			throw errors.malformed("answered malformed JSON");
		}
	}

	private HttpRequest request(JsonNode body, Deadline deadline, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(deadline.remaining().plusMillis(1))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		headers.forEach(request::header);
		return request.build();
	}

	/** The next line, {@link Head} or {@link LineQueue#END}, or the failure, within the deadline. */
	private Object next(LineQueue lines, Deadline deadline) {
		Object item;
		try {
			item = lines.items.poll(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw errors.interrupted();
		}
		if (item == null) {
			throw errors.timedOut();
		}
		if (item instanceof Throwable failure) {
			throw unreachable(failure);
		}
		return item;
	}

	/** What a failed exchange means: no answer in time, or none at all; anything else is a bug and stays one. */
	private RuntimeException unreachable(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		if (cause instanceof HttpTimeoutException) {
			return errors.timedOut();
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return errors.unreachable(cause);
	}

	@Override
	public void close() {
		http.close();
	}

	private record Head(int status, HttpHeaders headers) {
	}
}
