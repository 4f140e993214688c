package io.knowledgecloud.jobs.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What a queued job carries in {@code scheduled_tasks.task_data} (as JSON, see {@link JsonTaskData}). */
record JobData(String type, @Nullable UUID workspaceId, String payload) {
}
