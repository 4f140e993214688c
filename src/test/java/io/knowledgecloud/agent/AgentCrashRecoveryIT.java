package io.knowledgecloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.PackagedServer;
import io.knowledgecloud.support.RequiredServices;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar is killed with SIGKILL while an agent run is in the middle of a tool call; after
 * a restart the run's job is picked up again (its worker's heartbeat stopped) and the run resumes
 * from its stored steps: it succeeds, with the interrupted call made once more and recorded once.
 */
@ExtendWith(RequiredServices.class)
class AgentCrashRecoveryIT {

	private static final String PAGE = "<html><head><title>Heat pumps</title></head><body><h1>Heat pumps</h1>"
			+ "<p>Heat pumps move heat from the outside air into the house. They use less energy than gas boilers."
			+ "</p><script>ignored()</script></body></html>";

	private PackagedServer server;
	private HttpServer site;

	@AfterEach
	void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
		if (site != null) {
			site.stop(0);
		}
	}

	@Test
	void aRunKilledMidToolCallResumesAfterARestart() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		CountDownLatch firstRequest = new CountDownLatch(1);
		site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		site.createContext("/", exchange -> {
			if (requests.incrementAndGet() == 1) {
				firstRequest.countDown();
				sleep(Duration.ofSeconds(60)); // the server is killed while it waits for this answer
			}
			respond(exchange);
		});
		site.start();
		int sitePort = site.getAddress().getPort();

		server = PackagedServer.start("agent-crash", Map.of("KC_OUTBOUND_TRUSTED_HOSTS", "127.0.0.1:" + sitePort,
				"KC_JOBS_POLLING_INTERVAL", "500ms", "KC_JOBS_HEARTBEAT_INTERVAL", "1s", "KC_JOBS_MISSED_HEARTBEATS", "4"));
		Api api = server.api();
		Api.User owner = api.signUp("agent-crash");
		String ws = api.createWorkspace(owner, "Agent crash");
		String base = "/api/v1/workspaces/" + ws;
		assertThat(api.put(base + "/agent/policy").token(owner.accessToken())
			.json(Map.of("approval_role", "editor", "http_allow_list", List.of("127.0.0.1")))
			.send()
			.status()).isEqualTo(200);
		String url = "http://127.0.0.1:" + sitePort + "/heat-pumps";
		var started = api.post(base + "/agent-runs").token(owner.accessToken())
			.json(Map.of("goal", "Summarise " + url))
			.send();
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String run = base + "/agent-runs/" + started.get("id");

		assertThat(firstRequest.await(60, TimeUnit.SECONDS)).as("the run called http_fetch").isTrue();
		assertThat(api.get(run).token(owner.accessToken()).send().get("status")).isEqualTo("RUNNING");
		server.kill();
		server.start();

		JsonNode done;
		try {
			done = Api.eventually(Duration.ofSeconds(120), () -> {
				JsonNode r = api.get(run).token(owner.accessToken()).send().json();
				return r.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED") ? r : null;
			});
		}
		catch (AssertionError notFinished) {
			// the server's own account of the restart is what a failure here needs
			throw new AssertionError("the run did not finish after the restart: "
					+ api.get(run).token(owner.accessToken()).send() + "; steps: "
					+ api.get(run + "/steps").token(owner.accessToken()).send() + "\nserver log:\n" + server.tail(),
					notFinished);
		}
		assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(done.path("result").asString()).contains("Heat pumps move heat from the outside air")
			.doesNotContain("ignored()");
		assertThat(requests.get()).isEqualTo(2);
		List<String> tools = new ArrayList<>();
		api.get(run + "/steps").token(owner.accessToken()).send().json().path("items")
			.forEach(s -> tools.add(s.path("kind").asString() + ":" + s.path("tool").asString("")));
		assertThat(tools).containsExactly("delegate:delegate", "tool:http_fetch", "finish:", "finish:");
	}

	private static void respond(HttpExchange exchange) throws IOException {
		byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
