package io.knowledgecloud.jobs.internal;

import java.util.UUID;

/**
 * A job's db-scheduler instance id is {@code <job uuid>/<type>}: unique per job, and the type
 * can be read with plain SQL ({@code SUBSTRING(task_instance FROM 38)}) for per-type metrics.
 */
final class JobIds {

	static final String TASK = "kc-job";
	static final int TYPE_OFFSET = 38;

	private JobIds() {
	}

	static String instance(UUID id, String type) {
		return id + "/" + type;
	}

	static UUID jobId(String instance) {
		return UUID.fromString(instance.substring(0, 36));
	}
}
