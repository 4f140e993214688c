package io.knowledgecloud.jobs;

import static io.knowledgecloud.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Schedules over HTTP: validation, admin-only access, run-now, and firing a due occurrence once. */
@IntegrationTest
@Import(TestJobHandlers.class)
class SchedulesIT {

	private final Api api;

	@Autowired
	JdbcClient jdbc;

	SchedulesIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void invalidSchedulesAreRefusedWithACode() {
		Api.User owner = api.signUp("sched-invalid");
		String ws = owner.personalWorkspace();
		assertThat(create(owner, ws, Map.of("kind", "test-scheduled", "cron", "not a cron")).code()).isEqualTo("invalid_cron");
		assertThat(create(owner, ws, Map.of("kind", "test-scheduled", "cron", "0 0 25 * * *")).code())
			.isEqualTo("invalid_cron");
		assertThat(create(owner, ws, Map.of("kind", "no-such-kind", "cron", "@weekly")).code()).isEqualTo("unknown_kind");
		// registered, but not schedulable
		assertThat(create(owner, ws, Map.of("kind", "test-flaky", "cron", "@weekly")).code()).isEqualTo("unknown_kind");
		Response tooOften = create(owner, ws, Map.of("kind", "test-scheduled", "cron", "*/5 * * * *"));
		assertThat(tooOften.status()).isEqualTo(400);
		assertThat(tooOften.code()).isEqualTo("schedule_too_frequent");
		assertThat(create(owner, ws, Map.of("kind", "test-scheduled", "cron", "@daily", "time_zone", "Mars/Base")).code())
			.isEqualTo("invalid_time_zone");
		assertThat(create(owner, ws, Map.of("kind", "test-scheduled", "cron", "@daily", "parameters", java.util.List.of(1)))
			.status()).isEqualTo(400);
	}

	@Test
	void adminsCreateListAndRunSchedulesOthersCannot() {
		Api.User owner = api.signUp("sched-owner");
		String ws = api.createWorkspace(owner, "Schedules");
		Response created = create(owner, ws, Map.of("kind", "test-scheduled", "cron", "0 8 * * MON", "time_zone",
				"Europe/Berlin", "parameters", Map.of("top", 5)));
		assertThat(created.status()).isEqualTo(201);
		String id = created.get("id");
		assertThat(created.get("time_zone")).isEqualTo("Europe/Berlin");
		assertThat(created.json().path("enabled").asBoolean()).isTrue();
		Instant next = Instant.parse(created.get("next_run_at"));
		assertThat(next).isAfter(Instant.now());

		Api.User editor = api.signUp("sched-editor");
		api.addMember(owner, ws, editor, "editor");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/schedules").token(editor.accessToken()).send().status())
			.isEqualTo(403);
		Api.User stranger = api.signUp("sched-stranger");
		Response foreign = api.post("/api/v1/workspaces/" + stranger.personalWorkspace() + "/schedules/" + id + "/run")
			.token(stranger.accessToken()).send();
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.code()).isEqualTo("schedule_not_found");

		Response list = api.get("/api/v1/workspaces/" + ws + "/schedules").token(owner.accessToken()).send();
		assertThat(list.json().path("items").get(0).path("parameters").path("top").asInt()).isEqualTo(5);

		Response run = api.post("/api/v1/workspaces/" + ws + "/schedules/" + id + "/run").token(owner.accessToken()).send();
		assertThat(run.status()).isEqualTo(202);
		UUID jobId = UUID.fromString(run.get("job_id"));
		JobContext job = eventually(() -> TestJobHandlers.attempts(jobId).isEmpty() ? null
				: TestJobHandlers.attempts(jobId).get(0));
		assertThat(job.workspaceId()).hasToString(ws);
		assertThat(job.payload()).isEqualTo("{\"top\":5}");

		Response disabled = api.put("/api/v1/workspaces/" + ws + "/schedules/" + id).token(owner.accessToken())
			.json(Map.of("kind", "test-scheduled", "cron", "@weekly", "enabled", false)).send();
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().path("next_run_at").isNull()).isTrue();
		assertThat(api.delete("/api/v1/workspaces/" + ws + "/schedules/" + id).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		assertThat(api.get("/api/v1/workspaces/" + ws + "/schedules/" + id).token(owner.accessToken()).send().status())
			.isEqualTo(404);
	}

	@Test
	void aDueOccurrenceFiresOnceAndTheScheduleMovesToItsNextOccurrence() {
		Api.User owner = api.signUp("sched-fire");
		String ws = owner.personalWorkspace();
		String id = create(owner, ws, Map.of("kind", "test-scheduled", "cron", "@daily")).get("id");
		Instant due = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		jdbc.sql("UPDATE jobs_schedules SET next_run_at = ? WHERE id = ?")
			.params(Timestamp.from(due), UUID.fromString(id))
			.update();

		UUID jobId = UUID.nameUUIDFromBytes((id + "@" + due).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		eventually(() -> TestJobHandlers.attempts(jobId).isEmpty() ? null : true);
		Response after = api.get("/api/v1/workspaces/" + ws + "/schedules/" + id).token(owner.accessToken()).send();
		assertThat(Instant.parse(after.get("next_run_at"))).isAfter(Instant.now());
		assertThat(after.get("last_run_at")).isNotNull();
		assertThat(TestJobHandlers.attempts(jobId)).hasSize(1);
	}

	@Test
	void aDigestRunIsCapturedWithItsPdfForMembersWhoOptedInOnly() {
		Api.User owner = api.signUp("digest-capture");
		String ws = api.createWorkspace(owner, "Captured digest");
		Api.User quiet = api.signUp("digest-quiet");
		api.addMember(owner, ws, quiet, "viewer");
		api.put("/api/v1/me/notification-preferences").token(owner.accessToken()).json(Map.of("weekly_digest", true)).send();
		String id = create(owner, ws, Map.of("kind", "weekly_digest", "cron", "@weekly")).get("id");
		String quietNewest = api.newestMailId(quiet);

		api.post("/api/v1/workspaces/" + ws + "/schedules/" + id + "/run").token(owner.accessToken()).send();

		var mail = eventually(() -> {
			var items = api.get("/api/v1/admin/dev-mailbox?limit=1").token(owner.accessToken()).send().json().path("items");
			return items.size() == 1 && items.get(0).path("subject").asString().contains("weekly digest") ? items.get(0)
					: null;
		});
		var attachment = mail.path("attachments").get(0);
		assertThat(attachment.path("file_name").asString()).startsWith("weekly-digest-").endsWith(".pdf");
		assertThat(attachment.path("content_type").asString()).isEqualTo("application/pdf");
		assertThat(attachment.path("size").asLong()).isGreaterThan(500);
		assertThat(api.newestMailId(quiet)).isEqualTo(quietNewest);
	}

	private Response create(Api.User owner, String ws, Map<String, Object> body) {
		return api.post("/api/v1/workspaces/" + ws + "/schedules").token(owner.accessToken()).json(body).send();
	}
}
