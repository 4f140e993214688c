package io.knowledgecloud.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: subscriptions over HTTP, real events, deliveries through OutboundHttp to a
 * receiver on 127.0.0.1 (trusted for this test only), signatures, retries, disabling, SSRF.
 */
@IntegrationTest
class WebhooksIT {

	static final Receiver RECEIVER = new Receiver();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void receiver(DynamicPropertyRegistry registry) {
		registry.add("kc.outbound.trusted-hosts", () -> "127.0.0.1:" + RECEIVER.port());
		registry.add("kc.webhooks.base-delay", () -> "100ms");
		registry.add("kc.webhooks.max-attempts", () -> "3");
		registry.add("kc.webhooks.disable-after", () -> "2");
		registry.add("kc.webhooks.poll-interval", () -> "100ms");
	}

	private final Api api;
	@Autowired
	ApplicationEventPublisher events;
	@Autowired
	TransactionTemplate tx;
	private Api.User admin;
	private String ws;

	WebhooksIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		admin = api.signUp("hooks");
		ws = api.createWorkspace(admin, "Hooks");
	}

	@Test
	void aReceiverVerifiesTheSignatureOfADocumentIndexedDelivery() throws Exception {
		String path = "/indexed-" + UUID.randomUUID();
		Api.Response created = subscribe(path, List.of("document.indexed"));
		String secret = created.get("secret");
		assertThat(secret).startsWith("whsec_");
		assertThat(api.get(hooks("/" + id(created))).token(admin.accessToken()).send().text()).doesNotContain(secret);

		Api.Response upload = api.post("/api/v1/workspaces/" + ws + "/documents").token(admin.accessToken())
			.multipart("notes.md", ("# Notes\n\n" + "Webhooks tell receivers. ".repeat(40)).getBytes(StandardCharsets.UTF_8),
					Map.of())
			.send();
		assertThat(upload.status()).isEqualTo(202);

		Receiver.Received got = RECEIVER.next(path);
		long timestamp = Long.parseLong(got.header("KC-Webhook-Timestamp"));
		assertThat(got.header("KC-Webhook-Signature")).isEqualTo(sign(secret, timestamp, got.body()));
		assertThat(sign("whsec_wrong", timestamp, got.body())).isNotEqualTo(got.header("KC-Webhook-Signature"));
		assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
		JsonNode body = JSON.readTree(got.body());
		assertThat(body.path("type").asString()).isEqualTo("document.indexed");
		assertThat(body.path("id").asString()).isEqualTo(got.header("KC-Webhook-Id"));
		assertThat(body.path("workspace_id").asString()).isEqualTo(ws);
		assertThat(body.path("data").path("document_id").asString()).isEqualTo(upload.get("id"));
		assertThat(body.path("data").path("chunk_count").asInt()).isPositive();

		JsonNode delivery = Api.eventually(() -> finished(created, "SUCCEEDED"));
		assertThat(delivery.path("attempt_log").get(0).path("status").asInt()).isEqualTo(200);
		assertThat(delivery.path("attempt_log").get(0).path("response_excerpt").asString()).contains(path);
	}

	@Test
	void retriesAfterServerErrorsUntilItSucceedsAndCanBeRedelivered() throws Exception {
		String path = "/flaky-" + UUID.randomUUID();
		RECEIVER.script(path, 500, 503);
		Api.Response created = subscribe(path, List.of("*"));
		Api.Response ping = api.post(hooks("/" + id(created) + "/ping")).token(admin.accessToken()).send();
		assertThat(ping.status()).isEqualTo(202);

		String first = RECEIVER.next(path).header("KC-Webhook-Id");
		assertThat(RECEIVER.next(path).header("KC-Webhook-Id")).isEqualTo(first);
		assertThat(RECEIVER.next(path).header("KC-Webhook-Id")).isEqualTo(first);
		JsonNode delivery = Api.eventually(() -> finished(created, "SUCCEEDED"));
		assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.path("attempt_log").findValuesAsString("error")).contains("HTTP 500", "HTTP 503");
		assertThat(delivery.path("attempt_log").findValues("status")).extracting(JsonNode::asInt)
			.containsExactly(200, 503, 500);

		Api.Response again = api.post(hooks("/" + id(created) + "/deliveries/" + delivery.path("id").asString()
				+ "/redeliver")).token(admin.accessToken()).send();
		assertThat(again.status()).isEqualTo(202);
		assertThat(RECEIVER.next(path).header("KC-Webhook-Id")).isEqualTo(first);
		JsonNode redelivered = Api.eventually(() -> {
			JsonNode d = finished(created, "SUCCEEDED");
			return d != null && d.path("attempt_log").size() == 4 ? d : null;
		});
		assertThat(redelivered.path("attempts").asInt()).isEqualTo(1);
		assertThat(api.post(hooks("/" + id(created) + "/deliveries/" + UUID.randomUUID() + "/redeliver"))
			.token(admin.accessToken()).send().code()).isEqualTo("delivery_not_found");
	}

	@Test
	void aSubscriptionIsDisabledAfterConsecutiveFailedDeliveriesAndCanBeReenabled() throws Exception {
		String path = "/down-" + UUID.randomUUID();
		RECEIVER.script(path, 500, 500, 500, 500, 500, 500);
		Api.Response created = subscribe(path, List.of("job.failed"));
		publish(new JobFailed(UUID.randomUUID(), "report", UUID.fromString(ws), 3, "boom", Instant.now()));
		publish(new JobFailed(UUID.randomUUID(), "report", UUID.fromString(ws), 3, "bang", Instant.now()));

		JsonNode hook = Api.eventually(Duration.ofSeconds(20), () -> {
			JsonNode h = api.get(hooks("/" + id(created))).token(admin.accessToken()).send().json();
			return h.path("enabled").asBoolean() ? null : h;
		});
		assertThat(hook.path("consecutive_failures").asInt()).isEqualTo(2);
		assertThat(hook.path("disabled_reason").asString()).contains("2 consecutive");
		assertThat(api.post(hooks("/" + id(created) + "/ping")).token(admin.accessToken()).send().code())
			.isEqualTo("webhook_disabled");

		Api.Response enabled = api.patch(hooks("/" + id(created))).token(admin.accessToken())
			.json(Map.of("enabled", true)).send();
		assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
		assertThat(enabled.json().path("consecutive_failures").asInt()).isZero();
		for (int i = 0; i < 6; i++) {
			RECEIVER.next(path); // the six failed attempts
		}
		assertThat(api.post(hooks("/" + id(created) + "/ping")).token(admin.accessToken()).send().status())
			.isEqualTo(202);
		assertThat(JSON.readTree(RECEIVER.next(path).body()).path("type").asString()).isEqualTo("ping");
	}

	@Test
	void anEventPublishedTwiceIsDeliveredOnce() throws Exception {
		String path = "/runs-" + UUID.randomUUID();
		subscribe(path, List.of("agent_run.finished"));
		var finished = new AgentRunFinished(UUID.fromString(ws), UUID.randomUUID(), UUID.fromString(admin.id()),
				"SUCCEEDED", "Summarise the notes", null, Instant.now());
		publish(finished);
		publish(finished);
		JsonNode body = JSON.readTree(RECEIVER.next(path).body());
		assertThat(body.path("type").asString()).isEqualTo("agent_run.finished");
		assertThat(body.path("data").path("run_id").asString()).isEqualTo(finished.runId().toString());
		assertThat(body.path("data").path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(RECEIVER.quietFor(path, Duration.ofSeconds(2))).isTrue();
	}

	@Test
	void aFailedDocumentAndAFailedJobAreDeliveredToTheirSubscribers() throws Exception {
		String documents = "/failed-docs-" + UUID.randomUUID();
		String jobs = "/failed-jobs-" + UUID.randomUUID();
		subscribe(documents, List.of("document.failed"));
		subscribe(jobs, List.of("job.failed"));

		byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String id = api.post("/api/v1/workspaces/" + ws + "/documents").token(admin.accessToken())
			.multipart("broken.pdf", corrupt, Map.of())
			.send()
			.get("id");
		JsonNode failed = JSON.readTree(RECEIVER.next(documents).body());
		assertThat(failed.path("type").asString()).isEqualTo("document.failed");
		assertThat(failed.path("data").path("document_id").asString()).isEqualTo(id);
		assertThat(failed.path("data").path("code").asString()).isIn("corrupt_file", "no_text");

		var job = new io.knowledgecloud.jobs.JobFailed(UUID.randomUUID(), "digest", UUID.fromString(ws), 5,
				"SMTP relay refused the message", Instant.now());
		publish(job);
		JsonNode jobBody = JSON.readTree(RECEIVER.next(jobs).body());
		assertThat(jobBody.path("type").asString()).isEqualTo("job.failed");
		assertThat(jobBody.path("data").path("job_id").asString()).isEqualTo(job.jobId().toString());
		assertThat(jobBody.path("data").path("attempts").asInt()).isEqualTo(5);
		// each went only to the subscription of its type
		assertThat(RECEIVER.quietFor(documents, Duration.ofSeconds(1))).isTrue();
		assertThat(RECEIVER.quietFor(jobs, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void internalDestinationsAreRefusedWhenSubscribing() {
		for (String url : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data/",
				"http://localhost:" + (RECEIVER.port() == 65535 ? 1 : RECEIVER.port() + 1) + "/",
				"http://[::1]:" + RECEIVER.port() + "/", "http://[::ffff:127.0.0.1]/", "ftp://example.com/",
				"http://2130706433/", "not a url")) {
			Api.Response r = api.post(hooks("")).token(admin.accessToken())
				.json(Map.of("url", url, "events", List.of("*"))).send();
			assertThat(r.status()).as(url).isEqualTo(400);
			assertThat(r.code()).as(url).isEqualTo("destination_not_allowed");
			assertThat(r.json().path("reason").asString()).as(url).isNotBlank();
		}
		Api.Response unknown = api.post(hooks("")).token(admin.accessToken())
			.json(Map.of("url", RECEIVER.url("/x"), "events", List.of("document.exploded"))).send();
		assertThat(unknown.code()).isEqualTo("unknown_event_type");
		String created = id(subscribe("/patched", List.of("*")));
		assertThat(api.patch(hooks("/" + created)).token(admin.accessToken())
			.json(Map.of("url", "http://192.168.1.1/")).send().code()).isEqualTo("destination_not_allowed");
	}

	@Test
	void aRedirectToAPrivateAddressIsRefusedAtDelivery() throws Exception {
		String path = "/redirect-" + UUID.randomUUID();
		RECEIVER.redirect(path, "http://169.254.169.254/latest/meta-data/");
		Api.Response created = subscribe(path, List.of("*"));
		api.post(hooks("/" + id(created) + "/ping")).token(admin.accessToken()).send();
		JsonNode delivery = Api.eventually(() -> finished(created, "FAILED"));
		assertThat(delivery.path("attempt_log").get(0).path("error").asString())
			.startsWith("destination_not_allowed").contains("169.254.169.254");
	}

	@Test
	void anotherTenantsWebhooksAreNotFoundAndOnlyAdminsManageThem() {
		String theirs = id(subscribe("/private", List.of("*")));
		Api.User other = api.signUp("hooks-other");
		String base = "/api/v1/workspaces/" + other.personalWorkspace() + "/webhooks/" + theirs;
		for (Api.Call call : List.of(api.get(base), api.patch(base).json(Map.of("enabled", false)), api.delete(base),
				api.post(base + "/ping"), api.get(base + "/deliveries"), api.post(base + "/rotate-secret"))) {
			Api.Response r = call.token(other.accessToken()).send();
			assertThat(r.status()).isEqualTo(404);
			assertThat(r.code()).isEqualTo("webhook_not_found");
		}
		assertThat(api.get(hooks("/" + theirs)).token(other.accessToken()).send().code())
			.isEqualTo("workspace_not_found");
		Api.User editor = api.signUp("hooks-editor");
		api.addMember(admin, ws, editor, "editor");
		assertThat(api.get(hooks("")).token(editor.accessToken()).send().status()).isEqualTo(403);
		assertThat(api.get(hooks("")).token(admin.accessToken()).send().json().path("items").size()).isEqualTo(1);
	}

	@Test
	void rotatingTheSecretSignsLaterDeliveriesWithTheNewOne() throws Exception {
		String path = "/rotate-" + UUID.randomUUID();
		Api.Response created = subscribe(path, List.of("*"));
		String rotated = api.post(hooks("/" + id(created) + "/rotate-secret")).token(admin.accessToken()).send()
			.get("secret");
		assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.get("secret"));
		api.post(hooks("/" + id(created) + "/ping")).token(admin.accessToken()).send();
		Receiver.Received got = RECEIVER.next(path);
		assertThat(got.header("KC-Webhook-Signature"))
			.isEqualTo(sign(rotated, Long.parseLong(got.header("KC-Webhook-Timestamp")), got.body()));
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}

	private Api.Response subscribe(String path, List<String> types) {
		Api.Response r = api.post(hooks("")).token(admin.accessToken())
			.json(Map.of("url", RECEIVER.url(path), "events", types, "description", "test receiver")).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(201);
		return r;
	}

	private static String id(Api.Response created) {
		return created.json().path("webhook").path("id").asString();
	}

	/** The newest delivery of the webhook once it reached {@code state}. */
	private JsonNode finished(Api.Response created, String state) {
		JsonNode items = api.get(hooks("/" + id(created) + "/deliveries")).token(admin.accessToken()).send().json()
			.path("items");
		return items.size() > 0 && items.get(0).path("state").asString().equals(state) ? items.get(0) : null;
	}

	private String hooks(String suffix) {
		return "/api/v1/workspaces/" + ws + "/webhooks" + suffix;
	}

	/** What a receiver computes (docs/webhooks.md). */
	static String sign(String secret, long timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
	}
}
