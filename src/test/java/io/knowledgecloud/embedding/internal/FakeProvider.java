package io.knowledgecloud.embedding.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local HTTP server on a random port that answers as each test tells it and records the requests. */
final class FakeProvider implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	record Request(String method, String path, @Nullable String authorization, JsonNode body) {

		List<String> input() {
			return body.path("input").values().stream().map(JsonNode::asString).toList();
		}
	}

	record Reply(int status, String body, Map<String, String> headers, Duration delay) {

		static Reply json(int status, String body) {
			return new Reply(status, body, Map.of(), Duration.ZERO);
		}

		Reply withHeader(String name, String value) {
			return new Reply(status, body, Map.of(name, value), delay);
		}

		Reply after(Duration delay) {
			return new Reply(status, body, headers, delay);
		}
	}

	@FunctionalInterface
	interface Responder {
		Reply reply(Request request);
	}

	private final HttpServer server;
	private final List<Request> requests = new CopyOnWriteArrayList<>();
	private volatile Responder responder = request -> Reply.json(500, "{\"error\":\"no responder\"}");

	FakeProvider() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", this::handle);
		server.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	void respond(Responder responder) {
		this.responder = responder;
	}

	List<Request> requests() {
		return requests;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					JSON.readTree(exchange.getRequestBody().readAllBytes()));
			requests.add(request);
			Reply reply = responder.reply(request);
			if (!reply.delay().isZero()) {
				Thread.sleep(reply.delay());
			}
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			reply.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// the client sees a reset connection; the test sees the recorded request
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
