package io.knowledgecloud.jobs;

import static io.knowledgecloud.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Jobs on db-scheduler: retries with back-off, dead letters with {@link JobFailed} and the retry
 * endpoint, tenant isolation, transactional submit, and recovery of a job whose replica died.
 */
@IntegrationTest
@Import(TestJobHandlers.class)
class JobsIT {

	private final Api api;

	@Autowired
	Jobs jobs;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	com.github.kagkarlsson.scheduler.Scheduler scheduler;

	@Autowired
	org.springframework.context.ConfigurableApplicationContext context;

	JobsIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void aFailingJobIsRetriedWithBackOffUntilItSucceeds() {
		UUID id = jobs.submit("test-flaky", null, "{}");

		eventually(() -> TestJobHandlers.attempts(id).size() >= 3 ? true : null);
		var attempts = TestJobHandlers.attempts(id);
		assertThat(attempts).extracting(JobContext::attempt).startsWith(1, 2, 3);
		assertThat(attempts.get(0).type()).isEqualTo("test-flaky");
		// completed: the row is gone and nothing was dead-lettered
		eventually(() -> queued(id) == 0 ? true : null);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs_dead_letters WHERE id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void aJobSubmittedInARolledBackTransactionNeverExists() throws Exception {
		UUID id = UUID.randomUUID();
		tx.executeWithoutResult(status -> {
			jobs.submit(id, "test-scheduled", null, "{}", Instant.EPOCH);
			assertThat(queued(id)).isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(queued(id)).isZero();
		Thread.sleep(1500);
		assertThat(TestJobHandlers.attempts(id)).isEmpty();
	}

	@Test
	void afterItsLastAttemptAJobIsDeadLetteredAndCanBeRetriedByAnAdminOfItsWorkspaceOnly() {
		Api.User owner = api.signUp("jobs-owner");
		String ws = api.createWorkspace(owner, "Jobs");
		TestJobHandlers.FAILING.set(true);
		UUID id = jobs.submit("test-failing", UUID.fromString(ws), "{\"n\": 1}");

		JobFailed failed = eventually(() -> TestJobHandlers.FAILED.stream()
			.filter(f -> f.jobId().equals(id)).findFirst().orElse(null));
		assertThat(failed.attempts()).isEqualTo(2);
		assertThat(failed.error()).contains("always broken");
		assertThat(failed.workspaceId()).hasToString(ws);
		assertThat(TestJobHandlers.attempts(id)).hasSize(2);

		Response list = api.get("/api/v1/workspaces/" + ws + "/jobs/dead-letters").token(owner.accessToken()).send();
		assertThat(list.status()).isEqualTo(200);
		var letter = list.json().path("items").get(0);
		assertThat(letter.path("id").asString()).isEqualTo(id.toString());
		assertThat(letter.path("type").asString()).isEqualTo("test-failing");
		assertThat(letter.path("attempts").asInt()).isEqualTo(2);
		assertThat(letter.path("last_error").asString()).contains("IllegalStateException: always broken");
		assertThat(letter.path("payload").asString()).isEqualTo("{\"n\": 1}");

		// another tenant: its own workspace does not have this dead letter, and ours is invisible to it
		Api.User stranger = api.signUp("jobs-stranger");
		Response foreign = api.post("/api/v1/workspaces/" + stranger.personalWorkspace() + "/jobs/dead-letters/" + id
				+ "/retry").token(stranger.accessToken()).send();
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.code()).isEqualTo("dead_letter_not_found");
		Response notMember = api.get("/api/v1/workspaces/" + ws + "/jobs/dead-letters").token(stranger.accessToken()).send();
		assertThat(notMember.status()).isEqualTo(404);
		assertThat(notMember.code()).isEqualTo("workspace_not_found");
		Api.User viewer = api.signUp("jobs-viewer");
		api.addMember(owner, ws, viewer, "viewer");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/jobs/dead-letters").token(viewer.accessToken()).send().status())
			.isEqualTo(403);

		TestJobHandlers.FAILING.set(false);
		Response retried = api.post("/api/v1/workspaces/" + ws + "/jobs/dead-letters/" + id + "/retry")
			.token(owner.accessToken()).send();
		assertThat(retried.status()).isEqualTo(202);
		assertThat(retried.get("job_id")).isEqualTo(id.toString());
		eventually(() -> TestJobHandlers.attempts(id).size() == 3 ? true : null);
		assertThat(TestJobHandlers.attempts(id).get(2).attempt()).isEqualTo(1);
		assertThat(api.get("/api/v1/workspaces/" + ws + "/jobs/dead-letters").token(owner.accessToken()).send()
			.json().path("items").size()).isZero();
		Response again = api.post("/api/v1/workspaces/" + ws + "/jobs/dead-letters/" + id + "/retry")
			.token(owner.accessToken()).send();
		assertThat(again.status()).isEqualTo(404);
	}

	@Test
	void aJobPickedByAReplicaThatDiedRunsAgain() {
		UUID id = UUID.randomUUID();
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
		// what a replica killed with kill -9 leaves behind: picked, heartbeat stopped
		jdbc.sql("""
				INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,
				consecutive_failures, last_heartbeat, version) VALUES ('kc-job', ?, ?, ?, TRUE, 'dead-replica', 0, ?, 2)""")
			.params(id + "/test-scheduled",
					"{\"type\":\"test-scheduled\",\"workspaceId\":null,\"payload\":\"revived\"}"
						.getBytes(StandardCharsets.UTF_8),
					Timestamp.from(longAgo), Timestamp.from(longAgo))
			.update();

		var attempt = eventually(Duration.ofSeconds(30),
				() -> TestJobHandlers.attempts(id).isEmpty() ? null : TestJobHandlers.attempts(id).get(0));
		assertThat(attempt.payload()).isEqualTo("revived");
		eventually(() -> queued(id) == 0 ? true : null);
	}

	@Test
	void aJobThatKeepsLosingItsReplicaIsDeadLetteredAfterItsAttempts() {
		UUID id = UUID.randomUUID();
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
		// test-scheduled allows 3 attempts; this is the third one, lost with its replica
		jdbc.sql("""
				INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,
				consecutive_failures, last_heartbeat, version) VALUES ('kc-job', ?, ?, ?, TRUE, 'dead-replica', 2, ?, 5)""")
			.params(id + "/test-scheduled",
					"{\"type\":\"test-scheduled\",\"workspaceId\":null,\"payload\":\"{}\"}".getBytes(StandardCharsets.UTF_8),
					Timestamp.from(longAgo), Timestamp.from(longAgo))
			.update();

		JobFailed failed = eventually(Duration.ofSeconds(30), () -> TestJobHandlers.FAILED.stream()
			.filter(f -> f.jobId().equals(id)).findFirst().orElse(null));
		assertThat(failed.attempts()).isEqualTo(3);
		assertThat(failed.error()).startsWith("WorkerLost");
		assertThat(queued(id)).isZero();
		assertThat(TestJobHandlers.attempts(id)).isEmpty();
	}

	@Test
	void queueGaugesShowDueJobsPerTypeWhileNoWorkerTakesThem() throws Exception {
		assertThat(meters.find("kc.jobs.queue.oldest.age").tag("type", "weekly_digest").gauge()).isNotNull();
		var depth = meters.find("kc.jobs.queue.depth").tag("type", "test-scheduled").gauge();
		var age = meters.find("kc.jobs.queue.oldest.age").tag("type", "test-scheduled").gauge();
		scheduler.pause();
		try {
			UUID id = jobs.submit("test-scheduled", null, "{}");
			Thread.sleep(6_000); // the gauges' query result is reused for 5 s
			assertThat(depth.value()).isEqualTo(1.0);
			assertThat(age.value()).isGreaterThan(1.0);
			assertThat(TestJobHandlers.attempts(id)).isEmpty();
		}
		finally {
			scheduler.resume();
		}
	}

	@Test
	void workersRunAgainAfterTheContextIsPausedAndRestarted() {
		// Spring's test framework pauses cached contexts and restarts them when a test reuses them;
		// a stopped db-scheduler cannot start again, so a pause must not stop it for good
		context.pause();
		context.restart();
		UUID id = jobs.submit("test-scheduled", null, "{}");
		eventually(() -> TestJobHandlers.attempts(id).size() == 1 ? true : null);
		eventually(() -> queued(id) == 0 ? true : null);
	}

	private long queued(UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'kc-job' AND task_instance LIKE ?")
			.param(id + "/%")
			.query(Long.class)
			.single();
	}
}
