package io.knowledgecloud.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar in a child process on a fresh data directory (and, in PostgreSQL runs, a fresh
 * database), for tests that kill it with SIGKILL and start it again. Needs {@code package} to have
 * run first (failsafe runs after it).
 */
public final class PackagedServer implements AutoCloseable {

	private final Path dataDir;
	private final int port;
	private final Map<String, String> env = new HashMap<>();
	private @Nullable List<String> command;
	private @Nullable Process process;

	public PackagedServer(String name) throws IOException {
		this.dataDir = Files.createTempDirectory("kc-" + name + "-");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("KC_DATA_DIR", dataDir.toString());
		env.put("KC_RATE_LIMIT_ENABLED", "false");
		if (TestServices.database().equals("postgres")) {
			String db = "kc_" + name.replaceAll("[^a-z0-9]", "_") + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			TestDatabase.createPostgresDatabase(db);
			env.put("KC_DB_URL", "jdbc:postgresql://" + TestServices.PG_HOST + ":" + TestServices.PG_PORT + "/" + db);
			env.put("KC_DB_USER", TestServices.PG_USER);
			env.put("KC_DB_PASSWORD", "");
		}
	}

	/** A new server on a fresh data directory, started with {@code env} added to its environment. */
	public static PackagedServer start(String name, Map<String, String> env) throws IOException, InterruptedException {
		PackagedServer server = new PackagedServer(name);
		server.env().putAll(env);
		try {
			server.start();
		}
		catch (Throwable e) {
			server.close(); // the caller has no handle to stop it with
			throw e;
		}
		return server;
	}

	/**
	 * Starts the server with {@code command} instead of {@code java -jar} on the packaged jar, e.g. the
	 * launcher script; the environment still carries the port, data directory and database.
	 */
	public PackagedServer launchWith(List<String> command) {
		this.command = List.copyOf(command);
		return this;
	}

	/** The packaged jar under {@code target/}. */
	public static Path jar() {
		File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("knowledgecloud-")
				&& name.endsWith(".jar") && !name.endsWith("-plain.jar") && !name.endsWith("-sources.jar"));
		if (jars == null || jars.length == 0) {
			throw new AssertionError("the packaged jar under target/ (run mvn verify, not only the tests)");
		}
		return jars[0].toPath().toAbsolutePath();
	}

	/** The process of the running server. */
	public Process process() {
		if (process == null) {
			throw new IllegalStateException("not started");
		}
		return process;
	}

	/** Environment of the next {@link #start()}: add settings before starting. */
	public Map<String, String> env() {
		return env;
	}

	public int port() {
		return port;
	}

	public Api api() {
		return new Api(port);
	}

	/** Starts the jar and waits (2 minutes at most) until it reports ready. */
	public void start() throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		var builder = new ProcessBuilder(command != null ? command : List.of(java, "-jar", jar().toString()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
		builder.environment().putAll(env);
		Process started = builder.start();
		process = started;
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				throw new AssertionError("the server exited: " + tail());
			}
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
						+ "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the server did not become ready: " + tail());
	}

	/** SIGKILL: no shutdown hooks, no graceful stop. */
	public void kill() throws InterruptedException {
		if (process != null) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** The server's whole log so far. */
	public String log() throws IOException {
		return Files.readString(dataDir.resolve("server.log"));
	}

	/** The last lines of the server's log. */
	public String tail() throws IOException {
		List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		kill();
		FileSystemUtils.deleteRecursively(dataDir.toFile());
	}
}
