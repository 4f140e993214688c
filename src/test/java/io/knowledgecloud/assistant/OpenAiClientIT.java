package io.knowledgecloud.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official {@code openai} npm client, installed from npm by this test, talks to
 * {@code /v1/models} and {@code /v1/chat/completions} (plain and streamed) with a workspace API key.
 */
@IntegrationTest
class OpenAiClientIT {

	/** Pinned so that a new client release cannot change this test's meaning unnoticed. */
	static final String CLIENT = "openai@6.49.0";

	private final Api api;

	OpenAiClientIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void theOfficialClientWorksUnchanged() throws Exception {
		Path dir = install();
		Api.User owner = api.signUp("openai-client");
		String ws = api.createWorkspace(owner, "OpenAI");
		String base = "/api/v1/workspaces/" + ws;
		String id = api.post(base + "/documents").token(owner.accessToken())
			.multipart("tides.md", ("# Tides\n\nTides are caused mainly by the gravitational pull of the Moon on the "
					+ "oceans. The Sun's gravity adds a smaller effect, giving spring and neap tides.")
				.getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED"
			.equals(api.get(base + "/documents/" + id).token(owner.accessToken()).send().get("status")) ? true : null);
		String key = api.post(base + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "openai", "scope", "read"))
			.send()
			.json()
			.path("secret")
			.asString();

		var process = new ProcessBuilder("node", dir.resolve("client.mjs").toString()).directory(dir.toFile())
			.redirectErrorStream(false);
		process.environment().put("KC_BASE_URL", "http://127.0.0.1:" + api.port() + "/v1");
		process.environment().put("KC_API_KEY", key);
		process.environment().put("KC_QUESTION", "What causes the tides?");
		Process node = process.start();
		assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.exitValue()).as(stderr).isZero();
		JsonNode seen = JsonMapper.builder().build().readTree(stdout);
		assertThat(seen.path("models").get(0).asString()).isEqualTo("knowledgecloud");
		assertThat(seen.path("content").asString()).contains("Moon").containsPattern("\\[1\\]");
		assertThat(seen.path("finish").asString()).isEqualTo("stop");
		assertThat(seen.path("citations").asInt()).isPositive();
		assertThat(seen.path("usage").asInt()).isPositive();
		assertThat(seen.path("streamed").asString()).isEqualTo(seen.path("content").asString());
		assertThat(seen.path("streamCitations").asInt()).isEqualTo(seen.path("citations").asInt());
		assertThat(seen.path("streamFinish").asString()).isEqualTo("stop");
		assertThat(seen.path("error").path("status").asInt()).isEqualTo(400);
		assertThat(seen.path("error").path("name").asString()).isEqualTo("BadRequestError");
	}

	/** Installs the client from npm into target/ once per build. */
	private static Path install() throws IOException, InterruptedException {
		Path dir = Path.of("target", "openai-client").toAbsolutePath();
		Files.createDirectories(dir);
		Files.copy(OpenAiClientIT.class.getResourceAsStream("/openai-client/client.mjs"), dir.resolve("client.mjs"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
			Files.writeString(dir.resolve("package.json"), "{\"name\":\"kc-openai-client\",\"private\":true,\"type\":\"module\"}");
			Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", CLIENT)
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(new File(dir.toFile(), "npm.log"))
				.start();
			assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
			assertThat(npm.exitValue()).as("npm install " + CLIENT + ": " + Files.readString(dir.resolve("npm.log")))
				.isZero();
		}
		return dir;
	}
}
