package io.knowledgecloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.PackagedServer;
import io.knowledgecloud.support.RequiredServices;

/**
 * {@code bin/knowledgecloud}, the launch README documents: it extracts the packaged jar, makes the
 * JVM's class cache from a training start once per build and JDK, and starts the server with it. The
 * server's own classes must come from that cache (class loading is logged), the server must serve
 * requests, and a second launch must reuse the cache instead of training again. In the PostgreSQL
 * run the server runs on PostgreSQL while the cache was trained on embedded defaults.
 */
@ExtendWith(RequiredServices.class)
class LauncherIT {

	private static final Path LAUNCHER = Path.of("bin/knowledgecloud").toAbsolutePath();

	@TempDir
	Path launch;

	@Test
	void theServerStartsFromAClassCacheMadeOncePerBuild() throws Exception {
		Map<String, String> env = new HashMap<>();
		env.put("KC_JAR", PackagedServer.jar().toString());
		env.put("KC_LAUNCH_DIR", launch.toString());
		env.put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent()
			.toString());
		// shows where each class came from; part of the options the cache is made for
		env.put("JAVA_OPTS", "-Xlog:class+load=info");

		String first = prepare(env);
		Path prepared;
		try (var dirs = Files.list(launch)) {
			List<Path> made = dirs.filter(Files::isDirectory).toList();
			assertThat(made).as("one directory per build and JDK").hasSize(1);
			prepared = made.getFirst();
		}
		assertThat(prepared.resolve("stamp")).isNotEmptyFile();
		Path cache = prepared.resolve(Runtime.version().feature() >= 25 ? "app.aot" : "app.jsa");
		assertThat(first).contains("training start");
		assertThat(cache).isNotEmptyFile();
		FileTime made = Files.getLastModifiedTime(cache);

		try (PackagedServer server = new PackagedServer("launcher").launchWith(List.of(LAUNCHER.toString()))) {
			server.env().putAll(env);
			server.start();
			assertThat(server.process().info().arguments().orElseThrow())
				.contains((cache.toString().endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
			Api api = server.api();
			Api.User user = api.signUp("launcher");
			assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
			String log = server.log();
			assertThat(log).as("the JVM took the cache as it is").doesNotContain("[error][aot]")
				.doesNotContain("[warning][aot]").doesNotContain("[error][cds]").doesNotContain("[warning][cds]");
			assertThat(log).as("the application class comes from the cache")
				.containsPattern("io\\.knowledgecloud\\.KnowledgeCloudApplication source: (shared objects file|AOT cache)");
		}

		String second = prepare(env);
		assertThat(second).doesNotContain("training start").doesNotContain("extracting");
		assertThat(Files.getLastModifiedTime(cache)).isEqualTo(made);
	}

	/** {@code bin/knowledgecloud --prepare}: its output, after it succeeded. */
	private String prepare(Map<String, String> env) throws IOException, InterruptedException {
		Path output = launch.resolveSibling(launch.getFileName() + "-prepare.log");
		var builder = new ProcessBuilder(LAUNCHER.toString(), "--prepare").redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(env);
		Process process = builder.start();
		boolean done = process.waitFor(5, TimeUnit.MINUTES);
		String text = Files.readString(output, StandardCharsets.UTF_8);
		Files.deleteIfExists(output);
		if (!done) {
			process.destroyForcibly();
		}
		assertThat(done).as("the launcher prepared within 5 minutes: " + text).isTrue();
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}
}
