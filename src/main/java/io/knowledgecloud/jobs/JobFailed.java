package io.knowledgecloud.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A job failed its last attempt and went to the dead-letter state. */
public record JobFailed(UUID jobId, String type, @Nullable UUID workspaceId, int attempts, String error, Instant at) {
}
