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

/** Workspaces, table {@code workspace_workspaces}. */
@Repository
class Workspaces {

	private final JdbcClient jdbc;
	private final MembershipVersion version;

	Workspaces(JdbcClient jdbc, MembershipVersion version) {
		this.jdbc = jdbc;
		this.version = version;
	}

	void insert(Workspace ws) {
		version.changed();
		jdbc.sql("""
				INSERT INTO workspace_workspaces (id, name, personal_for, created_by, created_at, updated_at, version)
				VALUES (?, ?, ?, ?, ?, ?, 0)""")
			.params(ws.id().value(), ws.name(), ws.personalFor(), ws.createdBy(), Timestamp.from(ws.createdAt()),
					Timestamp.from(ws.updatedAt()))
			.update();
	}

	Optional<Workspace> find(WorkspaceId id) {
		return jdbc.sql("SELECT * FROM workspace_workspaces WHERE id = ?").param(id.value()).query(Workspaces::map)
			.optional();
	}

	boolean existsPersonalFor(UserId user) {
		return jdbc.sql("SELECT COUNT(*) FROM workspace_workspaces WHERE personal_for = ?")
			.param(user.value())
			.query(Long.class)
			.single() > 0;
	}

	/** Renames when the version still matches; false when someone else changed it first. */
	boolean rename(WorkspaceId id, String name, long expectedVersion, Instant now) {
		version.changed();
		return jdbc.sql("UPDATE workspace_workspaces SET name = ?, updated_at = ?, version = version + 1 "
				+ "WHERE id = ? AND version = ?").params(name, Timestamp.from(now), id.value(), expectedVersion)
			.update() == 1;
	}

	void delete(WorkspaceId id) {
		version.changed();
		jdbc.sql("DELETE FROM workspace_invitations WHERE workspace_id = ?").param(id.value()).update();
		jdbc.sql("DELETE FROM workspace_members WHERE workspace_id = ?").param(id.value()).update();
		jdbc.sql("DELETE FROM workspace_workspaces WHERE id = ?").param(id.value()).update();
	}

	/** The user's workspaces, newest membership first, keyset-paginated on (joined_at, id). */
	List<MyWorkspace> ofUser(UserId user, PageRequest page) {
		var spec = jdbc.sql("""
				SELECT w.*, m.role, m.joined_at FROM workspace_workspaces w
				JOIN workspace_members m ON m.workspace_id = w.id
				WHERE m.user_id = :user""" + (page.first() ? ""
				: " AND (m.joined_at < :at OR (m.joined_at = :at AND w.id < :id))")
				+ " ORDER BY m.joined_at DESC, w.id DESC LIMIT :limit")
			.param("user", user.value())
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query((rs, n) -> new MyWorkspace(map(rs, n), Role.valueOf(rs.getString("role")),
				rs.getTimestamp("joined_at").toInstant())).list();
	}

	static Workspace map(ResultSet rs, int row) throws SQLException {
		return new Workspace(new WorkspaceId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getObject("personal_for", UUID.class), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getLong("version"));
	}
}
