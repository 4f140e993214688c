package io.knowledgecloud.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.internal.AuditEvents;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.PageRequest;

/**
 * The security audit log: who did what to whom, where. Modules record their security-relevant
 * facts here (role changes, removals); workspace admins read their workspace's entries and
 * every user reads the entries about themselves.
 */
@Service
public class AuditLog {

	/**
	 * One audit entry.
	 *
	 * @param type dotted event type, e.g. {@code login.failed}, {@code member.role_changed}
	 * @param details short human-readable context, never secrets
	 */
	public record AuditEvent(UUID id, Instant occurredAt, String type, @Nullable UUID actorUserId,
			@Nullable UUID subjectUserId, @Nullable UUID workspaceId, @Nullable String ip, @Nullable String details) {
	}

	private final AuditEvents events;
	private final Cursors cursors;

	AuditLog(AuditEvents events, Cursors cursors) {
		this.events = events;
		this.cursors = cursors;
	}

	/** Records an event; runs in its own transaction so a later rollback cannot erase it. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(String type, @Nullable UserId actor, @Nullable UserId subject, @Nullable UUID workspaceId,
			@Nullable String ip, @Nullable String details) {
		events.append(new AuditEvent(UUID.randomUUID(), Instant.now(), type, actor == null ? null : actor.value(),
				subject == null ? null : subject.value(), workspaceId, ip,
				details == null || details.length() <= 2000 ? details : details.substring(0, 2000)));
	}

	public CursorPage<AuditEvent> forWorkspace(UUID workspaceId, @Nullable String cursor, @Nullable Integer limit) {
		return page("workspace_id", workspaceId, "audit:ws:" + workspaceId, cursor, limit);
	}

	public CursorPage<AuditEvent> aboutUser(UserId userId, @Nullable String cursor, @Nullable Integer limit) {
		return page("subject_user_id", userId.value(), "audit:user:" + userId, cursor, limit);
	}

	private CursorPage<AuditEvent> page(String column, UUID value, String scope, @Nullable String cursor,
			@Nullable Integer limit) {
		PageRequest request = cursors.request(scope, cursor, limit);
		List<AuditEvent> rows = events.page(column, value, request);
		return cursors.page(scope, rows, request, e -> List.of(e.occurredAt().toString(), e.id().toString()));
	}
}
