package io.knowledgecloud.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A job that failed its last attempt; {@code id} is the job's id, kept when it is retried. */
public record DeadLetter(UUID id, String type, @Nullable UUID workspaceId, String payload, int attempts,
		String lastError, Instant failedAt) {
}
