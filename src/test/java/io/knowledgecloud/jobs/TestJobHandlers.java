package io.knowledgecloud.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.event.TransactionalEventListener;

/** Job handlers whose behaviour the tests steer, and a recorder of {@link JobFailed} events. */
@TestConfiguration(proxyBeanMethods = false)
class TestJobHandlers {

	/** Every attempt any test handler saw, by job id. */
	static final Map<UUID, List<JobContext>> ATTEMPTS = new ConcurrentHashMap<>();
	static final List<JobFailed> FAILED = new CopyOnWriteArrayList<>();
	/** While true, {@code test-failing} throws. */
	static final AtomicBoolean FAILING = new AtomicBoolean(true);

	static List<JobContext> attempts(UUID id) {
		return ATTEMPTS.getOrDefault(id, List.of());
	}

	private static void record(JobContext job) {
		ATTEMPTS.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>()).add(job);
	}

	/** Fails its first two attempts. */
	@Bean
	JobHandler flakyHandler() {
		return new Handler("test-flaky", 5, false) {
			@Override
			public void run(JobContext job) throws Exception {
				record(job);
				if (job.attempt() < 3) {
					throw new java.io.IOException("flaky attempt " + job.attempt());
				}
			}
		};
	}

	/** Fails while {@link #FAILING}, two attempts. */
	@Bean
	JobHandler failingHandler() {
		return new Handler("test-failing", 2, false) {
			@Override
			public void run(JobContext job) {
				record(job);
				if (FAILING.get()) {
					throw new IllegalStateException("always broken");
				}
			}
		};
	}

	/** Succeeds; may be scheduled. */
	@Bean
	JobHandler scheduledHandler() {
		return new Handler("test-scheduled", 3, true) {
			@Override
			public void run(JobContext job) {
				record(job);
			}
		};
	}

	@Bean
	FailedRecorder jobFailedRecorder() {
		return new FailedRecorder();
	}

	/** Records what committed, as the production listeners (after-commit module listeners) see it. */
	static class FailedRecorder {

		@TransactionalEventListener(fallbackExecution = true)
		public void on(JobFailed event) {
			FAILED.add(event);
		}
	}

	private abstract static class Handler implements JobHandler {

		private final String type;
		private final int maxAttempts;
		private final boolean schedulable;

		Handler(String type, int maxAttempts, boolean schedulable) {
			this.type = type;
			this.maxAttempts = maxAttempts;
			this.schedulable = schedulable;
		}

		@Override
		public String type() {
			return type;
		}

		@Override
		public int maxAttempts() {
			return maxAttempts;
		}

		@Override
		public Duration firstRetryDelay() {
			return Duration.ofMillis(200);
		}

		@Override
		public boolean schedulable() {
			return schedulable;
		}
	}
}
