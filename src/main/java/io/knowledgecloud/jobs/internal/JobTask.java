package io.knowledgecloud.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import io.knowledgecloud.jobs.DeadLetter;
import io.knowledgecloud.jobs.JobContext;
import io.knowledgecloud.jobs.JobFailed;
import io.knowledgecloud.jobs.JobHandler;

/**
 * The one db-scheduler task behind every job: dispatches to the {@link JobHandler} of the job's
 * type, retries a failed attempt after the handler's back-off and dead-letters it after its last
 * attempt. A job whose replica died (stale heartbeat) is revived by db-scheduler and runs again.
 */
final class JobTask extends OneTimeTask<JobData> {

	private static final Logger log = LoggerFactory.getLogger(JobTask.class);

	private final JobHandlers handlers;

	JobTask(JobHandlers handlers, DeadLetters deadLetters, ApplicationEventPublisher events, TransactionTemplate tx,
			Clock clock) {
		this(handlers, new Retries(handlers, deadLetters, events, tx, clock));
	}

	private JobTask(JobHandlers handlers, Retries retries) {
		super(JobIds.TASK, JobData.class, retries, retries);
		this.handlers = handlers;
	}

	@Override
	public void executeOnce(TaskInstance<JobData> instance, ExecutionContext context) {
		JobData data = instance.getData();
		JobHandler handler = handlers.find(data.type())
			.orElseThrow(() -> new AttemptFailed("No handler for job type " + data.type(), null));
		var job = new JobContext(JobIds.jobId(instance.getId()), data.type(), data.workspaceId(), data.payload(),
				context.getExecution().consecutiveFailures + 1);
		try {
			handler.run(job);
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new AttemptFailed(e.getMessage(), e);
		}
	}

	/** Wraps a checked exception of a handler; only the cause is reported. */
	static final class AttemptFailed extends RuntimeException {

		AttemptFailed(@org.jspecify.annotations.Nullable String message, @org.jspecify.annotations.Nullable Throwable cause) {
			super(message, cause);
		}
	}

	/**
	 * Exponential back-off per handler, then the dead letter and {@link JobFailed}. A job whose
	 * replica died counts as a failed attempt too and runs again at once, so a job that keeps
	 * killing its replica is dead-lettered after its attempts instead of looping.
	 */
	private record Retries(JobHandlers handlers, DeadLetters deadLetters, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) implements FailureHandler<JobData>, DeadExecutionHandler<JobData> {

		@Override
		public void deadExecution(ExecutionComplete complete, ExecutionOperations<JobData> operations) {
			@SuppressWarnings("unchecked")
			TaskInstance<JobData> instance = complete.getExecution().taskInstance;
			int attempts = complete.getExecution().consecutiveFailures + 1;
			int maxAttempts = handlers.find(instance.getData().type()).map(JobHandler::maxAttempts).orElse(1);
			String error = "WorkerLost: the replica running the job stopped without finishing it (heartbeat lost)";
			if (attempts < maxAttempts) {
				log.warn("Job {} was running on a replica that died; running it again", instance.getId());
				operations.reschedule(complete, clock.instant());
			}
			else {
				deadLetter(instance, attempts, error, operations);
			}
		}

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<JobData> operations) {
			@SuppressWarnings("unchecked")
			TaskInstance<JobData> instance = complete.getExecution().taskInstance;
			JobData data = instance.getData();
			int attempts = complete.getExecution().consecutiveFailures + 1;
			var handler = handlers.find(data.type());
			int maxAttempts = handler.map(JobHandler::maxAttempts).orElse(1);
			Throwable cause = complete.getCause().orElse(null);
			if (attempts < maxAttempts) {
				Duration first = handler.map(JobHandler::firstRetryDelay).orElse(Duration.ZERO);
				Duration delay = first.multipliedBy(1L << Math.min(attempts - 1, 20));
				log.info("Job {} ({}) failed attempt {} of {}, retrying in {}: {}", instance.getId(), data.type(),
						attempts, maxAttempts, delay, describe(cause));
				operations.reschedule(complete, clock.instant().plus(delay));
				return;
			}
			deadLetter(instance, attempts, describe(cause), operations);
		}

		private void deadLetter(TaskInstance<JobData> instance, int attempts, String error,
				ExecutionOperations<JobData> operations) {
			JobData data = instance.getData();
			UUID id = JobIds.jobId(instance.getId());
			Instant now = clock.instant();
			log.warn("Job {} ({}) failed its last attempt ({}), dead-lettered: {}", id, data.type(), attempts, error);
			// the dead letter, the event and the removal of the execution commit together (the
			// scheduler's data source joins this transaction)
			tx.executeWithoutResult(status -> {
				deadLetters.add(new DeadLetter(id, data.type(), data.workspaceId(), data.payload(), attempts, error, now));
				events.publishEvent(new JobFailed(id, data.type(), data.workspaceId(), attempts, error, now));
				operations.stop();
			});
		}

		private static String describe(@org.jspecify.annotations.Nullable Throwable cause) {
			if (cause == null) {
				return "unknown error";
			}
			Throwable shown = cause instanceof AttemptFailed && cause.getCause() != null ? cause.getCause() : cause;
			String text = shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
			return text.length() > 4000 ? text.substring(0, 4000) : text;
		}
	}
}
