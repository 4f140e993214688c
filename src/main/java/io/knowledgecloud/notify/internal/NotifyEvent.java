package io.knowledgecloud.notify.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.agent.AgentRunWaitingApproval;
import io.knowledgecloud.document.IngestionReport;
import io.knowledgecloud.jobs.JobFailed;

/**
 * Another module's event as notify passes it on, to webhook receivers and into inboxes. The id is
 * derived from the event's own fields (name-based UUID), so the same event delivered twice by the
 * outbox has the same id, and each channel stores it at most once per recipient.
 *
 * @param type one of {@link #CATALOGUE}
 * @param data the event's fields in snake_case, as receivers get them
 */
public record NotifyEvent(String id, String type, UUID workspaceId, Instant at, Map<String, @Nullable Object> data) {

	public static final String DOCUMENT_INDEXED = "document.indexed";
	public static final String DOCUMENT_FAILED = "document.failed";
	public static final String RUN_WAITING = "agent_run.waiting_approval";
	public static final String RUN_FINISHED = "agent_run.finished";
	public static final String JOB_FAILED = "job.failed";
	public static final String PING = "ping";

	/** The event types a webhook may subscribe to ({@code *} means all of them). */
	public static final java.util.List<String> CATALOGUE = java.util.List.of(DOCUMENT_INDEXED, DOCUMENT_FAILED,
			RUN_WAITING, RUN_FINISHED, JOB_FAILED);

	public static NotifyEvent of(IngestionReport.Indexed e) {
		return create(DOCUMENT_INDEXED, e.workspaceId(), e.at(), "document_id", e.documentId().value(), "version",
				e.version(), "chunk_count", e.chunkCount(), "reindex", e.reindex(), "near_duplicate_of",
				e.nearDuplicateOf() == null ? null : e.nearDuplicateOf().value());
	}

	public static NotifyEvent of(IngestionReport.Failed e) {
		return create(DOCUMENT_FAILED, e.workspaceId(), e.at(), "document_id", e.documentId().value(), "version",
				e.version(), "code", e.code(), "message", e.message(), "reindex", e.reindex());
	}

	public static NotifyEvent of(AgentRunWaitingApproval e) {
		return create(RUN_WAITING, e.workspaceId(), null, "run_id", e.runId(), "owner_id", e.ownerId(), "approval_id",
				e.approvalId(), "tool", e.tool(), "summary", e.summary(), "expires_at", e.expiresAt().toString());
	}

	public static NotifyEvent of(AgentRunFinished e) {
		return create(RUN_FINISHED, e.workspaceId(), e.at(), "run_id", e.runId(), "owner_id", e.ownerId(), "status",
				e.status(), "goal", e.goal(), "error", e.error());
	}

	/** Only for jobs of a workspace ({@code workspaceId} is not null). */
	public static NotifyEvent of(JobFailed e, UUID workspaceId) {
		return create(JOB_FAILED, workspaceId, e.at(), "job_id", e.jobId(), "job_type", e.type(), "attempts",
				e.attempts(), "error", e.error());
	}

	public static NotifyEvent ping(UUID workspaceId, UUID webhookId, Instant now) {
		return new NotifyEvent(UUID.randomUUID().toString(), PING, workspaceId, now,
				Map.of("webhook_id", webhookId.toString()));
	}

	/**
	 * {@code at} null: the event carries no time of its own (the waiting approval is identified by
	 * its approval id); its identity then leaves the time out and the payload uses the time it is
	 * passed on.
	 */
	private static NotifyEvent create(String type, UUID workspaceId, @Nullable Instant at, @Nullable Object... fields) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			Object value = fields[i + 1];
			data.put((String) fields[i], value instanceof UUID u ? u.toString() : value);
		}
		String identity = type + "|" + workspaceId + "|" + (at == null ? "" : at.toString()) + "|" + data;
		String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
		return new NotifyEvent(id, type, workspaceId, at == null ? Instant.now() : at, data);
	}
}
