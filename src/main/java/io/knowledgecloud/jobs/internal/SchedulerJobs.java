package io.knowledgecloud.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import io.knowledgecloud.jobs.Jobs;

/** {@link Jobs} on db-scheduler: one row in {@code scheduled_tasks} per queued job. */
@Service
class SchedulerJobs implements Jobs {

	private final SchedulerClient scheduler;
	private final JobHandlers handlers;
	private final Clock clock;

	SchedulerJobs(SchedulerClient scheduler, JobHandlers handlers, Clock clock) {
		this.scheduler = scheduler;
		this.handlers = handlers;
		this.clock = clock;
	}

	@Override
	public void submit(UUID id, String type, @Nullable UUID workspaceId, String payload, Instant runAt) {
		if (handlers.find(type).isEmpty()) {
			throw new IllegalArgumentException("No JobHandler for job type " + type + "; known: " + handlers.types());
		}
		var instance = new TaskInstance<>(JobIds.TASK, JobIds.instance(id, type), new JobData(type, workspaceId, payload));
		Instant now = clock.instant();
		// "as soon as possible" (Instant.EPOCH) is stored as now, so the queue-age gauge stays honest
		scheduler.scheduleIfNotExists(instance, runAt.isBefore(now) ? now : runAt);
	}
}
