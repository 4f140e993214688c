package io.knowledgecloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole product in one story, on embedded defaults (H2 or PostgreSQL, Lucene, the in-jar
 * model, the extractive answerer, the offline agent planner, mail captured to the dev mailbox):
 * upload → indexed → a cited answer → an agent writes a report → an agent proposes an update →
 * approval → a new document version → signed webhooks received and the approval e-mail received.
 * The only setting changed is the trusted webhook receiver on 127.0.0.1.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
	private static final HttpServer RECEIVER = receiver();

	record Delivery(Map<String, String> headers, String body) {
	}

	private final Api api;

	EndToEndIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@DynamicPropertySource
	static void receiverIsTrusted(DynamicPropertyRegistry registry) {
		registry.add("kc.outbound.trusted-hosts", () -> "127.0.0.1:" + RECEIVER.getAddress().getPort());
	}

	@AfterAll
	void stop() {
		RECEIVER.stop(0);
	}

	@Test
	void uploadAskDelegateApproveAndHearAboutIt() throws Exception {
		Api.User owner = api.signUp("e2e-owner");
		String ws = api.createWorkspace(owner, "End to end");
		String base = "/api/v1/workspaces/" + ws;

		Response hook = api.post(base + "/webhooks").token(owner.accessToken())
			.json(Map.of("url", "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hooks", "events",
					List.of("document.indexed", "agent_run.waiting_approval", "agent_run.finished")))
			.send();
		assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
		String secret = hook.json().path("secret").asString();

		// upload → indexed
		String policy = api.uploadIndexed(owner, ws, "remote-work-policy.md", """
				# Remote work policy

				Employees may work remotely for up to 2 days per week. Remote work needs the approval of the team lead.

				## Equipment

				The company provides a laptop and a monitor for the home office.
				""");

		// a question answered with citations
		Response answer = api.post(base + "/answers").token(owner.accessToken())
			.json(Map.of("question", "How many days per week may employees work remotely?"))
			.send();
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().path("text").asString()).contains("2 days per week");
		JsonNode citation = answer.json().path("citations").get(0);
		assertThat(citation.path("document_id").asString()).isEqualTo(policy);
		assertThat(citation.path("supported").asBoolean()).isTrue();

		// an agent writes a report
		JsonNode report = finished(owner, base, start(owner, base, "Write a report on the remote work policy"));
		assertThat(report.path("status").asString()).as(report.toString()).isEqualTo("SUCCEEDED");
		assertThat(report.path("result").asString()).contains("Stored the report");

		// an agent proposes an update → approval → new version
		String run = start(owner, base, "Update the remote work policy: replace \"2 days\" with \"3 days\"");
		JsonNode waiting = Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode r = api.get(base + "/agent-runs/" + run).token(owner.accessToken()).send().json();
			return r.path("status").asString().equals("WAITING_APPROVAL") ? r : null;
		});
		JsonNode approval = api.get(base + "/agent-runs/" + run + "/approvals").token(owner.accessToken()).send()
			.json().get(0);
		assertThat(approval.path("preview").asString()).contains("+Employees may work remotely for up to 3 days");
		Response approved = api.post(base + "/agent-approvals/" + approval.path("id").asString() + "/approve")
			.token(owner.accessToken())
			.json(Map.of("comment", "agreed with HR"))
			.send();
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(finished(owner, base, run).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(api.get(base + "/documents/" + policy + "/content").token(owner.accessToken()).send().text())
			.contains("up to 3 days per week");
		JsonNode versions = api.get(base + "/documents/" + policy + "/versions").token(owner.accessToken()).send().json();
		assertThat(versions.toString()).contains("\"version\":2");

		// webhooks received, each with a valid signature
		Api.eventually(Duration.ofSeconds(60), () -> types().containsAll(List.of("document.indexed",
				"agent_run.waiting_approval", "agent_run.finished")) && finishedRuns() >= 2 ? true : null);
		for (Delivery d : DELIVERIES) {
			String timestamp = d.headers().get("kc-webhook-timestamp");
			assertThat(d.headers().get("kc-webhook-signature")).isEqualTo("v1=" + hmac(secret, timestamp + "." + d.body()));
			assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		}
		JsonNode waitingEvent = DELIVERIES.stream().map(d -> JSON.readTree(d.body()))
			.filter(e -> e.path("type").asString().equals("agent_run.waiting_approval"))
			.findFirst().orElseThrow();
		assertThat(waitingEvent.path("data").path("approval_id").asString()).isEqualTo(approval.path("id").asString());
		assertThat(waiting.path("id").asString()).isEqualTo(run);

		// the approval e-mail received (embedded mode captures mail to the dev mailbox)
		String mails = Api.eventually(Duration.ofSeconds(30), () -> {
			String text = api.get("/api/v1/admin/dev-mailbox").token(owner.accessToken()).send().text();
			return text.contains(approval.path("id").asString()) ? text : null;
		});
		assertThat(mails).contains(owner.email()).contains("Approval needed: update_document");
		assertThat(api.get("/api/v1/me/notifications").token(owner.accessToken()).send().text())
			.contains("An agent run waits for your approval");
	}

	private String start(Api.User owner, String base, String goal) {
		Response r = api.post(base + "/agent-runs").token(owner.accessToken()).json(Map.of("goal", goal)).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(202);
		return r.get("id");
	}

	private JsonNode finished(Api.User owner, String base, String run) {
		return Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode r = api.get(base + "/agent-runs/" + run).token(owner.accessToken()).send().json();
			return r.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED") ? r : null;
		});
	}

	private static List<String> types() {
		return DELIVERIES.stream().map(d -> JSON.readTree(d.body()).path("type").asString()).toList();
	}

	private static long finishedRuns() {
		return types().stream().filter("agent_run.finished"::equals).count();
	}

	private static String hmac(String secret, String message) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
	}

	private static HttpServer receiver() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/hooks", exchange -> {
				Map<String, String> headers = new java.util.HashMap<>();
				exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
				DELIVERIES.add(new Delivery(headers, new String(exchange.getRequestBody().readAllBytes(),
						StandardCharsets.UTF_8)));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
