package io.knowledgecloud.jobs;

import java.time.Duration;

/**
 * Runs the jobs of one type. Handlers must be idempotent: a job whose worker died is run again.
 * Throwing fails the attempt; the job is retried after {@link #firstRetryDelay()}, doubling each
 * time, until {@link #maxAttempts()} attempts have failed, then it is dead-lettered and
 * {@link JobFailed} is published.
 */
public interface JobHandler {

	/** Stable id of the job type, e.g. {@code agent-run}. */
	String type();

	void run(JobContext job) throws Exception;

	default int maxAttempts() {
		return 5;
	}

	default Duration firstRetryDelay() {
		return Duration.ofSeconds(10);
	}

	/**
	 * Whether workspace admins may put this job type on a schedule ({@code kind} of
	 * {@code /workspaces/{ws}/schedules}). A scheduled job gets the workspace in
	 * {@link JobContext#workspaceId()} and the schedule's {@code parameters} JSON object as payload.
	 */
	default boolean schedulable() {
		return false;
	}
}
