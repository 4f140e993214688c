package io.knowledgecloud.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.agent.AgentRunWaitingApproval;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** In-app notifications from real and published events: who gets them, marking read, the SSE stream, the approval mail. */
@IntegrationTest
class NotificationsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String PATH = "/api/v1/me/notifications";

	private final Api api;
	private final List<Stream<String>> open = new ArrayList<>();
	@Autowired
	ApplicationEventPublisher events;
	@Autowired
	TransactionTemplate tx;
	private Api.User owner;
	private String ws;

	NotificationsIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("inbox");
		ws = api.createWorkspace(owner, "Inbox");
	}

	@AfterEach
	void close() {
		open.forEach(Stream::close);
	}

	@Test
	void theRunOwnerIsNotifiedAndMailedOnceWhenARunWaitsForApproval() {
		var waiting = new AgentRunWaitingApproval(UUID.fromString(ws), UUID.randomUUID(), UUID.fromString(owner.id()),
				UUID.randomUUID(), "update_document", "Rename the policy", Instant.parse("2030-01-01T00:00:00Z"));
		publish(waiting);
		publish(waiting);
		JsonNode item = Api.eventually(() -> first(owner, ""));
		assertThat(item.path("type").asString()).isEqualTo("agent_run.waiting_approval");
		assertThat(item.path("body").asString()).contains("update_document", "Rename the policy");
		assertThat(item.path("data").path("approval_id").asString()).isEqualTo(waiting.approvalId().toString());
		assertThat(item.path("workspace_id").asString()).isEqualTo(ws);
		assertThat(item.path("read_at").isNull() || item.path("read_at").isMissingNode()).isTrue();

		JsonNode mail = Api.eventually(() -> {
			JsonNode items = api.get("/api/v1/admin/dev-mailbox").token(owner.accessToken()).send().json().path("items");
			return items.size() > 0 && items.get(0).path("subject").asString().startsWith("Approval needed") ? items
					: null;
		});
		assertThat(mail.get(0).path("body").asString()).contains(waiting.runId().toString());
		publish(new AgentRunFinished(UUID.fromString(ws), waiting.runId(), UUID.fromString(owner.id()), "SUCCEEDED",
				"Rename the policy", null, Instant.now()));
		Api.eventually(() -> list(owner, "").size() == 2 ? true : null);
		assertThat(list(owner, "").get(0).path("type").asString()).isEqualTo("agent_run.finished");
		long approvalMails = count(api.get("/api/v1/admin/dev-mailbox").token(owner.accessToken()).send().json()
			.path("items"), "Approval needed");
		assertThat(approvalMails).isEqualTo(1);
	}

	@Test
	void failuresThatNameNobodyGoToTheWorkspaceAdmins() {
		Api.User admin = api.signUp("inbox-admin");
		Api.User editor = api.signUp("inbox-editor");
		api.addMember(owner, ws, admin, "admin");
		api.addMember(owner, ws, editor, "editor");
		publish(new JobFailed(UUID.randomUUID(), "nightly-report", UUID.fromString(ws), 5, "disk full", Instant.now()));
		for (Api.User told : List.of(owner, admin)) {
			JsonNode item = Api.eventually(() -> first(told, ""));
			assertThat(item.path("type").asString()).isEqualTo("job.failed");
			assertThat(item.path("title").asString()).contains("nightly-report");
		}

		byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without end".getBytes(StandardCharsets.UTF_8);
		String doc = api.post("/api/v1/workspaces/" + ws + "/documents").token(editor.accessToken())
			.multipart("broken.pdf", corrupt, Map.of()).send().get("id");
		JsonNode failed = Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode top = first(admin, "");
			return top != null && top.path("type").asString().equals("document.failed") ? top : null;
		});
		assertThat(failed.path("data").path("document_id").asString()).isEqualTo(doc);
		assertThat(failed.path("data").path("code").asString()).isNotBlank();
		assertThat(list(editor, "")).isEmpty();
	}

	@Test
	void notificationsAreMarkedReadOneByOneOrAllAtOnce() {
		for (int i = 0; i < 3; i++) {
			publish(finished("goal " + i));
		}
		Api.eventually(() -> list(owner, "?unread=true").size() == 3 ? true : null);
		String firstId = list(owner, "").get(0).path("id").asString();
		assertThat(api.post(PATH + "/" + firstId + "/read").token(owner.accessToken()).send().status()).isEqualTo(204);
		assertThat(list(owner, "?unread=true")).hasSize(2);
		assertThat(list(owner, "").get(0).path("read_at").asString()).isNotBlank();

		Api.User stranger = api.signUp("inbox-stranger");
		Api.Response theirs = api.post(PATH + "/" + firstId + "/read").token(stranger.accessToken()).send();
		assertThat(theirs.status()).isEqualTo(404);
		assertThat(theirs.code()).isEqualTo("notification_not_found");

		Api.Response page = api.get(PATH + "?limit=2").token(owner.accessToken()).send();
		assertThat(page.json().path("items").size()).isEqualTo(2);
		String next = page.json().path("next_cursor").asString();
		assertThat(api.get(PATH + "?limit=2&cursor=" + next).token(owner.accessToken()).send().json().path("items")
			.size()).isEqualTo(1);

		assertThat(api.post(PATH + "/read-all").token(owner.accessToken()).send().json().path("marked").asInt())
			.isEqualTo(2);
		assertThat(list(owner, "?unread=true")).isEmpty();
		assertThat(api.get(PATH).send().status()).isEqualTo(401);
	}

	@Test
	void theStreamSendsNewNotificationsAndResumesAfterLastEventId() throws Exception {
		BlockingQueue<JsonNode[]> stream = subscribe(owner, null);
		publish(finished("streamed"));
		JsonNode[] got = next(stream);
		assertThat(got[1].path("type").asString()).isEqualTo("agent_run.finished");
		assertThat(got[1].path("body").asString()).contains("streamed");
		open.forEach(Stream::close);

		publish(finished("missed while away"));
		Api.eventually(() -> list(owner, "").size() == 2 ? true : null);
		BlockingQueue<JsonNode[]> resumed = subscribe(owner, got[0].asLong());
		assertThat(next(resumed)[1].path("body").asString()).contains("missed while away");
	}

	private AgentRunFinished finished(String goal) {
		return new AgentRunFinished(UUID.fromString(ws), UUID.randomUUID(), UUID.fromString(owner.id()), "FAILED", goal,
				"tool timed out", Instant.now());
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}

	private List<JsonNode> list(Api.User user, String query) {
		List<JsonNode> items = new ArrayList<>();
		api.get(PATH + query).token(user.accessToken()).send().json().path("items").forEach(items::add);
		return items;
	}

	private @Nullable JsonNode first(Api.User user, String query) {
		List<JsonNode> items = list(user, query);
		return items.isEmpty() ? null : items.get(0);
	}

	private static long count(JsonNode mails, String subjectPrefix) {
		long n = 0;
		for (JsonNode m : mails) {
			n += m.path("subject").asString().startsWith(subjectPrefix) ? 1 : 0;
		}
		return n;
	}

	/** Events of the stream as {@code [id, data]}. */
	private BlockingQueue<JsonNode[]> subscribe(Api.User user, @Nullable Long lastEventId) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + PATH + "/stream"))
			.header("Authorization", "Bearer " + user.accessToken());
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId.toString());
		}
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		BlockingQueue<JsonNode[]> queue = new LinkedBlockingQueue<>();
		Stream<String> lines = response.body();
		open.add(lines);
		Thread.ofPlatform().daemon().start(() -> {
			String id = null;
			try {
				for (String line : (Iterable<String>) lines::iterator) {
					if (line.startsWith("id:")) {
						id = line.substring(3).strip();
					}
					else if (line.startsWith("data:") && id != null) {
						queue.add(new JsonNode[] { JSON.readTree(id), JSON.readTree(line.substring(5)) });
					}
				}
			}
			catch (RuntimeException closed) {
				// the test closed the stream
			}
		});
		return queue;
	}

	private static JsonNode[] next(BlockingQueue<JsonNode[]> queue) throws InterruptedException {
		JsonNode[] event = queue.poll(15, TimeUnit.SECONDS);
		assertThat(event).as("an event within 15 s").isNotNull();
		return event;
	}
}
