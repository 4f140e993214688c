package io.knowledgecloud.assistant.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server on a random loopback port that plays a chat provider: it answers with a
 * script of replies (the last one repeats), whole or as server-sent events written chunk by chunk,
 * and records every request. Public so the assistant's integration tests can use it too.
 */
public final class ChatProviderServer implements AutoCloseable {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	/** A request as received; header names are lower case. */
	public record Received(String path, Map<String, String> headers, JsonNode body) {

		public @Nullable String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/** Writes one response. */
	@FunctionalInterface
	public interface Reply {
		void send(Received request, HttpExchange exchange) throws IOException, InterruptedException;
	}

	private final HttpServer server;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private final AtomicInteger calls = new AtomicInteger();
	private volatile List<Reply> script = List.of(json(500, "{\"error\":{\"message\":\"no reply scripted\"}}"));

	public ChatProviderServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", this::handle);
		server.start();
	}

	/** A started server; for static fields of test classes. */
	public static ChatProviderServer start() {
		try {
			return new ChatProviderServer();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** {@code http://127.0.0.1:<port><path>} */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	/** Answers the next requests with these replies in order; the last one answers all later requests. */
	public void reply(Reply... replies) {
		calls.set(0);
		script = List.of(replies);
	}

	public List<Received> received() {
		return received;
	}

	public static Reply json(int status, String body, String... headerPairs) {
		return (request, exchange) -> {
			for (int i = 0; i + 1 < headerPairs.length; i += 2) {
				exchange.getResponseHeaders().set(headerPairs[i], headerPairs[i + 1]);
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		};
	}

	/** Waits, then replies. */
	public static Reply after(Duration delay, Reply reply) {
		return (request, exchange) -> {
			Thread.sleep(delay);
			reply.send(request, exchange);
		};
	}

	/**
	 * A 200 event stream: each event (its {@code event:}/{@code data:} lines) is written and
	 * flushed on its own, {@code pause} apart, then the stream ends.
	 */
	public static Reply events(Duration pause, String... events) {
		return stream(pause, null, events);
	}

	/** As {@link #events}, but after the events the server goes quiet for {@code stall} before it ends. */
	public static Reply eventsThenStall(Duration stall, String... events) {
		return stream(Duration.ZERO, stall, events);
	}

	private static Reply stream(Duration pause, @Nullable Duration stall, String... events) {
		return (request, exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (String event : events) {
					out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
					if (!pause.isZero()) {
						Thread.sleep(pause);
					}
				}
				if (stall != null) {
					Thread.sleep(stall);
				}
			}
		};
	}

	/** {@code data: <json>} lines of an OpenAI stream, each one event. */
	public static String[] data(String... json) {
		return java.util.Arrays.stream(json).map(j -> "data: " + j).toArray(String[]::new);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().getFirst(),
						(a, b) -> a));
			byte[] body = exchange.getRequestBody().readAllBytes();
			Received request = new Received(exchange.getRequestURI().getPath(), headers,
					body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body));
			received.add(request);
			List<Reply> replies = script;
			replies.get(Math.min(calls.getAndIncrement(), replies.size() - 1)).send(request, exchange);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			// the client hung up (a timeout) or the script failed; the test sees the recorded request
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
