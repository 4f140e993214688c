package io.knowledgecloud.jobs;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One attempt at a job, as its handler sees it; {@code attempt} counts from 1. */
public record JobContext(UUID id, String type, @Nullable UUID workspaceId, String payload, int attempt) {
}
