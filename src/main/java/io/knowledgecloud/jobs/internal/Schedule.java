package io.knowledgecloud.jobs.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * A workspace's schedule: fires a job of {@code kind} with {@code parameters} as payload at each
 * occurrence of {@code cron} in {@code timeZone}; {@code nextRunAt} is null while disabled.
 */
public record Schedule(UUID id, UUID workspaceId, String kind, String cron, String timeZone, ObjectNode parameters,
		boolean enabled, @Nullable Instant nextRunAt, @Nullable Instant lastRunAt, UUID createdBy, Instant createdAt,
		Instant updatedAt) {
}
