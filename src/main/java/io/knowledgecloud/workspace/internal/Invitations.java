package io.knowledgecloud.workspace.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceId;

/** Invitations, table {@code workspace_invitations}. */
@Repository
class Invitations {

	private final JdbcClient jdbc;

	Invitations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Invitation invitation, String tokenHash) {
		jdbc.sql("""
				INSERT INTO workspace_invitations (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(invitation.id(), invitation.workspaceId().value(), invitation.email(), invitation.role().name(),
					tokenHash, invitation.invitedBy(), Timestamp.from(invitation.createdAt()),
					Timestamp.from(invitation.expiresAt()))
			.update();
	}

	Optional<Invitation> byTokenHash(String tokenHash) {
		return jdbc.sql("SELECT * FROM workspace_invitations WHERE token_hash = ?").param(tokenHash)
			.query(Invitations::map)
			.optional();
	}

	Optional<Invitation> find(WorkspaceId workspace, UUID id) {
		return jdbc.sql("SELECT * FROM workspace_invitations WHERE workspace_id = ? AND id = ?")
			.params(workspace.value(), id)
			.query(Invitations::map)
			.optional();
	}

	/** Marks it accepted unless someone else did first; single use across replicas. */
	boolean accept(UUID id, UserId by, Instant now) {
		return jdbc.sql("UPDATE workspace_invitations SET accepted_at = ?, accepted_by = ? "
				+ "WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
			.params(Timestamp.from(now), by.value(), id, Timestamp.from(now))
			.update() == 1;
	}

	int revokePending(WorkspaceId workspace, String email, Instant now) {
		return jdbc.sql("UPDATE workspace_invitations SET revoked_at = ? WHERE workspace_id = ? AND email = ? "
				+ "AND accepted_at IS NULL AND revoked_at IS NULL").params(Timestamp.from(now), workspace.value(), email)
			.update();
	}

	boolean revoke(WorkspaceId workspace, UUID id, Instant now) {
		return jdbc.sql("UPDATE workspace_invitations SET revoked_at = ? WHERE workspace_id = ? AND id = ? "
				+ "AND accepted_at IS NULL AND revoked_at IS NULL").params(Timestamp.from(now), workspace.value(), id)
			.update() == 1;
	}

	List<Invitation> pending(WorkspaceId workspace, Instant now, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM workspace_invitations WHERE workspace_id = :ws AND accepted_at IS NULL "
				+ "AND revoked_at IS NULL AND expires_at > :now"
				+ (page.first() ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("ws", workspace.value())
			.param("now", Timestamp.from(now))
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query(Invitations::map).list();
	}

	private static Invitation map(ResultSet rs, int row) throws SQLException {
		Timestamp accepted = rs.getTimestamp("accepted_at");
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new Invitation(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getObject("invited_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				accepted == null ? null : accepted.toInstant(), revoked == null ? null : revoked.toInstant());
	}
}
