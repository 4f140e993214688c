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

/** Memberships, table {@code workspace_members}. */
@Repository
public class Members {

	private final JdbcClient jdbc;
	private final MembershipVersion version;

	Members(JdbcClient jdbc, MembershipVersion version) {
		this.jdbc = jdbc;
		this.version = version;
	}

	public Optional<Role> roleOf(WorkspaceId workspace, UserId user) {
		return jdbc.sql("SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?")
			.params(workspace.value(), user.value())
			.query((rs, n) -> Role.valueOf(rs.getString(1)))
			.optional();
	}

	public List<UserId> withRoleAtLeast(WorkspaceId workspace, Role minimum) {
		record Row(UserId user, Role role) {
		}
		return jdbc.sql("SELECT user_id, role FROM workspace_members WHERE workspace_id = ? ORDER BY joined_at")
			.param(workspace.value())
			.query((rs, n) -> new Row(new UserId(rs.getObject("user_id", UUID.class)), Role.valueOf(rs.getString("role"))))
			.list()
			.stream()
			.filter(row -> row.role().atLeast(minimum))
			.map(Row::user)
			.toList();
	}

	Optional<Member> find(WorkspaceId workspace, UserId user) {
		return jdbc.sql("SELECT * FROM workspace_members WHERE workspace_id = ? AND user_id = ?")
			.params(workspace.value(), user.value())
			.query(Members::map)
			.optional();
	}

	void add(Member member) {
		version.changed();
		jdbc.sql("INSERT INTO workspace_members (workspace_id, user_id, email, role, joined_at) VALUES (?, ?, ?, ?, ?)")
			.params(member.workspaceId().value(), member.userId().value(), member.email(), member.role().name(),
					Timestamp.from(member.joinedAt()))
			.update();
	}

	void changeRole(WorkspaceId workspace, UserId user, Role role) {
		version.changed();
		jdbc.sql("UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?")
			.params(role.name(), workspace.value(), user.value())
			.update();
	}

	void remove(WorkspaceId workspace, UserId user) {
		version.changed();
		jdbc.sql("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?")
			.params(workspace.value(), user.value())
			.update();
	}

	boolean existsByEmail(WorkspaceId workspace, String email) {
		return jdbc.sql("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND email = ?")
			.params(workspace.value(), email)
			.query(Long.class)
			.single() > 0;
	}

	/** Counts owners, locking them (PostgreSQL) so two concurrent demotions cannot both pass. */
	long lockOwners(WorkspaceId workspace) {
		return jdbc.sql("SELECT user_id FROM workspace_members WHERE workspace_id = ? AND role = 'OWNER' FOR UPDATE")
			.param(workspace.value())
			.query((rs, n) -> rs.getObject(1))
			.list()
			.size();
	}

	List<Member> page(WorkspaceId workspace, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM workspace_members WHERE workspace_id = :ws"
				+ (page.first() ? "" : " AND (joined_at > :at OR (joined_at = :at AND user_id > :id))")
				+ " ORDER BY joined_at, user_id LIMIT :limit")
			.param("ws", workspace.value())
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query(Members::map).list();
	}

	private static Member map(ResultSet rs, int row) throws SQLException {
		return new Member(new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"),
				Role.valueOf(rs.getString("role")), rs.getTimestamp("joined_at").toInstant());
	}
}
