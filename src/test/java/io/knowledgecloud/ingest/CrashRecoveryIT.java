package io.knowledgecloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.util.FileSystemUtils;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.RequiredServices;
import io.knowledgecloud.support.TestDatabase;
import io.knowledgecloud.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar is killed with SIGKILL in the middle of ingestion and started again on the same
 * data directory and database: every document ends up indexed, each with exactly its chunks in
 * the index (none lost, none twice). Runs the real jar in a child process, so it needs
 * {@code package} to have run (failsafe runs after it).
 */
@ExtendWith(RequiredServices.class)
class CrashRecoveryIT {

	private static final int DOCUMENTS = 24;

	private Process server;
	private Path dataDir;
	private final Map<String, String> env = new HashMap<>();

	@AfterEach
	void stop() {
		if (server != null) {
			server.destroyForcibly();
		}
		if (dataDir != null) {
			FileSystemUtils.deleteRecursively(dataDir.toFile());
		}
	}

	@Test
	void killNineDuringIngestionLosesAndDuplicatesNothing() throws Exception {
		dataDir = Files.createTempDirectory("kc-crash-");
		int port = freePort();
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("KC_DATA_DIR", dataDir.toString());
		env.put("KC_RATE_LIMIT_ENABLED", "false");
		env.put("KC_INGEST_LEASE", "3s");
		if (TestServices.database().equals("postgres")) {
			String name = "kc_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			TestDatabase.createPostgresDatabase(name);
			env.put("KC_DB_URL", "jdbc:postgresql://" + TestServices.PG_HOST + ":" + TestServices.PG_PORT + "/" + name);
			env.put("KC_DB_USER", TestServices.PG_USER);
			env.put("KC_DB_PASSWORD", "");
		}
		Api api = new Api(port);
		start(port);
		Api.User owner = api.signUp("crash");
		String ws = api.createWorkspace(owner, "Crash");
		String base = "/api/v1/workspaces/" + ws + "/documents";
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			Response r = api.post(base).token(owner.accessToken())
				.multipart("doc" + i + ".md", document(i).getBytes(StandardCharsets.UTF_8), Map.of())
				.send();
			assertThat(r.status()).as(r.toString()).isEqualTo(202);
			ids.add(r.get("id"));
		}
		// kill as soon as ingestion is under way but not finished
		Api.eventually(Duration.ofSeconds(60), () -> indexed(api, owner, base, ids) >= 2 ? true : null);
		int before = indexed(api, owner, base, ids);
		server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(before).as("killed mid-ingestion").isLessThan(DOCUMENTS);

		start(port);
		Api.eventually(Duration.ofSeconds(180), () -> indexed(api, owner, base, ids) == DOCUMENTS ? true : null);
		Set<String> allChunks = new HashSet<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			JsonNode doc = api.get(base + "/" + ids.get(i)).token(owner.accessToken()).send().json();
			int chunkCount = doc.path("chunk_count").asInt();
			assertThat(chunkCount).isGreaterThan(1);
			JsonNode hits = api.get("/api/v1/workspaces/" + ws + "/search?mode=keyword&collapse=none&limit=100&q=marker"
					+ i + "x&document=" + ids.get(i)).token(owner.accessToken()).send().json().path("items");
			List<String> chunkIds = new ArrayList<>();
			hits.forEach(h -> chunkIds.add(h.path("chunk_id").asString()));
			assertThat(chunkIds).as("chunks of document %d in the index", i).hasSize(chunkCount).doesNotHaveDuplicates();
			allChunks.addAll(chunkIds);
		}
		assertThat(allChunks).doesNotHaveDuplicates();
	}

	private static String document(int i) {
		StringBuilder text = new StringBuilder("# Report " + i + "\n\n");
		for (int section = 0; section < 4; section++) {
			text.append("## Section ").append(section).append("\n\n");
			text.append(("Paragraph about topic " + section + " with marker" + i + "x and some filler words. ").repeat(60));
			text.append("\n\n");
		}
		return text.toString();
	}

	private static int indexed(Api api, Api.User owner, String base, List<String> ids) {
		int n = 0;
		for (String id : ids) {
			Response r = api.get(base + "/" + id).token(owner.accessToken()).send();
			if (r.status() == 200 && "INDEXED".equals(r.get("status"))) {
				n++;
			}
		}
		return n;
	}

	private void start(int port) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		var builder = new ProcessBuilder(java, "-jar", jar().toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
		builder.environment().putAll(env);
		server = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
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

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	private static Path jar() {
		File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("knowledgecloud-")
				&& name.endsWith(".jar") && !name.endsWith("-plain.jar") && !name.endsWith("-sources.jar"));
		assertThat(jars).as("the packaged jar under target/ (run mvn verify, not only the tests)").isNotEmpty();
		return jars[0].toPath().toAbsolutePath();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
