package io.knowledgecloud.identity.internal;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.AuditLog.AuditEvent;
import io.knowledgecloud.platform.PageRequest;

/** Append-only security audit log, table {@code identity_audit_events}. */
@Repository
public class AuditEvents {

	private final JdbcClient jdbc;

	AuditEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void append(AuditEvent event) {
		jdbc.sql("""
				INSERT INTO identity_audit_events (id, occurred_at, type, actor_user_id, subject_user_id, workspace_id, ip, details)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(event.id(), Timestamp.from(event.occurredAt()), event.type(), event.actorUserId(),
					event.subjectUserId(), event.workspaceId(), event.ip(), event.details())
			.update();
	}

	/** Newest first, keyset-paginated on (occurred_at, id); {@code column} is a fixed column name. */
	public List<AuditEvent> page(String column, UUID value, PageRequest request) {
		String sql = "SELECT * FROM identity_audit_events WHERE " + column + " = :v";
		var spec = jdbc.sql(sql + (request.first() ? ""
				: " AND (occurred_at < :at OR (occurred_at = :at AND id < :id))")
				+ " ORDER BY occurred_at DESC, id DESC LIMIT :limit");
		spec = spec.param("v", value).param("limit", request.limit() + 1);
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(java.time.Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query((rs, n) -> new AuditEvent(rs.getObject("id", UUID.class),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("type"),
				rs.getObject("actor_user_id", UUID.class), rs.getObject("subject_user_id", UUID.class),
				rs.getObject("workspace_id", UUID.class), rs.getString("ip"), rs.getString("details")))
			.list();
	}
}
