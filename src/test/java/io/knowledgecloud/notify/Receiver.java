package io.knowledgecloud.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request per path and answers with
 * scripted statuses (200 when the script is empty), or a redirect.
 */
final class Receiver {

	/** One request as received. */
	record Received(String path, Map<String, String> headers, String body) {

		String header(String name) {
			return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
		}
	}

	private final HttpServer server;
	private final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();
	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
	private final Map<String, String> redirects = new ConcurrentHashMap<>();

	Receiver() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", this::handle);
		server.start();
	}

	int port() {
		return server.getAddress().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** The next requests to {@code path} get these statuses, in order. */
	void script(String path, Integer... statuses) {
		scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(java.util.List.of(statuses));
	}

	void redirect(String path, String location) {
		redirects.put(path, location);
	}

	Received next(String path) throws InterruptedException {
		Received r = queue(path).poll(15, TimeUnit.SECONDS);
		if (r == null) {
			throw new AssertionError("nothing received at " + path + " within 15 s");
		}
		return r;
	}

	/** Whether anything more arrives at {@code path} within {@code wait}. */
	boolean quietFor(String path, Duration wait) throws InterruptedException {
		return queue(path).poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
	}

	private BlockingQueue<Received> queue(String path) {
		return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
	}

	private void handle(HttpExchange ex) throws IOException {
		String path = ex.getRequestURI().getPath();
		String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> headers = new ConcurrentHashMap<>();
		ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
		queue(path).add(new Received(path, headers, body));
		String location = redirects.get(path);
		if (location != null) {
			ex.getResponseHeaders().add("Location", location);
			ex.sendResponseHeaders(302, -1);
			ex.close();
			return;
		}
		Deque<Integer> script = scripts.get(path);
		Integer scripted = script == null ? null : script.poll();
		int status = scripted == null ? 200 : scripted;
		byte[] answer = ("{\"received\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
		ex.sendResponseHeaders(status, answer.length);
		ex.getResponseBody().write(answer);
		ex.close();
	}
}
