package io.knowledgecloud.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Submits durable jobs. A job runs at least once on some replica's worker, after the submitting
 * transaction commits; a failing job is retried with back-off and dead-lettered after its
 * handler's {@link JobHandler#maxAttempts()}.
 */
public interface Jobs {

	/**
	 * Enqueues a job to run as soon as a worker is free.
	 * @param type a registered {@link JobHandler#type()}
	 * @param workspaceId the workspace the job belongs to, null for system jobs
	 * @param payload handler-defined text, usually JSON
	 * @return the job's id
	 */
	default UUID submit(String type, @Nullable UUID workspaceId, String payload) {
		UUID id = UUID.randomUUID();
		submit(id, type, workspaceId, payload, Instant.EPOCH);
		return id;
	}

	/**
	 * Enqueues a job with a caller-chosen id, to run not before {@code runAt}. Submitting an id that
	 * is already queued changes nothing, so a retried caller does not enqueue twice.
	 */
	void submit(UUID id, String type, @Nullable UUID workspaceId, String payload, Instant runAt);
}
