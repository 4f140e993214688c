package io.knowledgecloud.agent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.agent.spi.Proposal;
import io.knowledgecloud.platform.PageRequest;

/** Table {@code agent_approvals}. Decisions are conditional on {@code PENDING}: the first one wins. */
@Repository
class ApprovalStore {

	private final JdbcClient jdbc;

	ApprovalStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, UUID runId, UUID workspaceId, int stepSeq, String tool, Proposal p, Instant now,
			Instant expiresAt) {
		jdbc.sql("""
				INSERT INTO agent_approvals (id, run_id, workspace_id, step_seq, tool, document_id, base_version, summary,
				  preview, proposal, status, requested_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
			.params(id, runId, workspaceId, stepSeq, tool, p.documentId(), p.baseVersion(), RunStore.cut(p.summary(), 2000),
					p.preview(), p.content(), Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
	}

	Optional<Approval> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM agent_approvals WHERE id = ? AND workspace_id = ?")
			.params(id, workspaceId)
			.query(ApprovalStore::approval)
			.optional();
	}

	Optional<Proposal> proposal(UUID id) {
		return jdbc.sql("SELECT * FROM agent_approvals WHERE id = ?")
			.params(id)
			.query((rs, n) -> new Proposal(rs.getObject("document_id", UUID.class), rs.getInt("base_version"),
					rs.getString("summary"), rs.getString("preview"), rs.getString("proposal")))
			.optional();
	}

	int stepSeq(UUID id) {
		return jdbc.sql("SELECT step_seq FROM agent_approvals WHERE id = ?").params(id).query(Integer.class).single();
	}

	List<Approval> forRun(UUID runId) {
		return jdbc.sql("SELECT * FROM agent_approvals WHERE run_id = ? ORDER BY requested_at, id")
			.params(runId)
			.query(ApprovalStore::approval)
			.list();
	}

	/** Newest first; keyset on (requested_at, id). */
	List<Approval> page(UUID workspaceId, @Nullable String status, PageRequest request) {
		var spec = jdbc.sql("SELECT * FROM agent_approvals WHERE workspace_id = :ws"
				+ (status == null ? "" : " AND status = :status")
				+ (request.first() ? "" : " AND (requested_at < :at OR (requested_at = :at AND id < :id))")
				+ " ORDER BY requested_at DESC, id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("limit", request.limit() + 1);
		if (status != null) {
			spec = spec.param("status", status);
		}
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query(ApprovalStore::approval).list();
	}

	/** PENDING → {@code status}; false when someone else decided first. */
	boolean decide(UUID id, String status, @Nullable UUID decidedBy, @Nullable String reason, Instant now) {
		return jdbc.sql("""
				UPDATE agent_approvals SET status = ?, decided_by = ?, reason = ?, decided_at = ?
				WHERE id = ? AND status = 'PENDING'""")
			.params(status, decidedBy, reason, Timestamp.from(now), id)
			.update() == 1;
	}

	void applied(UUID id, int version) {
		jdbc.sql("UPDATE agent_approvals SET applied_version = ? WHERE id = ?").params(version, id).update();
	}

	boolean rolledBack(UUID id, int version) {
		return jdbc.sql("UPDATE agent_approvals SET status = 'ROLLED_BACK', rolled_back_version = ? "
				+ "WHERE id = ? AND status = 'APPROVED'")
			.params(version, id)
			.update() == 1;
	}

	List<Approval> expired(Instant now, int limit) {
		return jdbc.sql("SELECT * FROM agent_approvals WHERE status = 'PENDING' AND expires_at < ? ORDER BY expires_at LIMIT ?")
			.params(Timestamp.from(now), limit)
			.query(ApprovalStore::approval)
			.list();
	}

	void cancelPending(UUID runId, Instant now) {
		jdbc.sql("UPDATE agent_approvals SET status = 'CANCELLED', decided_at = ? WHERE run_id = ? AND status = 'PENDING'")
			.params(Timestamp.from(now), runId)
			.update();
	}

	private static Approval approval(ResultSet rs, int n) throws SQLException {
		return new Approval(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
				rs.getObject("workspace_id", UUID.class), rs.getString("tool"), rs.getObject("document_id", UUID.class),
				rs.getInt("base_version"), rs.getString("summary"), rs.getString("preview"), rs.getString("status"),
				rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				rs.getObject("decided_by", UUID.class), RunStore.instant(rs, "decided_at"), rs.getString("reason"),
				(Integer) rs.getObject("applied_version"), (Integer) rs.getObject("rolled_back_version"));
	}
}
