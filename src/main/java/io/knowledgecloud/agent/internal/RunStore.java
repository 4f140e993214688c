package io.knowledgecloud.agent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRunStatus;
import io.knowledgecloud.platform.PageRequest;

/** Table {@code agent_runs}. Status changes are conditional updates, so racing replicas cannot both win. */
@Repository
public class RunStore {

	private static final String SELECT = """
			SELECT r.*, (SELECT COUNT(*) FROM agent_steps s WHERE s.run_id = r.id AND s.kind IN ('tool', 'delegate'))
			AS step_count FROM agent_runs r""";

	private final JdbcClient jdbc;

	RunStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AgentRun run) {
		jdbc.sql("""
				INSERT INTO agent_runs (id, workspace_id, owner_id, goal, tools, max_steps, max_tokens, max_cost, status,
				  planner, created_at, deadline_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(run.id(), run.workspaceId(), run.ownerId(), run.goal(), String.join(",", run.tools()),
					run.maxSteps(), run.maxTokens(), run.maxCost(), run.status().name(), run.planner(),
					Timestamp.from(run.createdAt()), Timestamp.from(run.deadlineAt()), Timestamp.from(run.createdAt()))
			.update();
	}

	public Optional<AgentRun> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " WHERE r.id = ? AND r.workspace_id = ?")
			.params(id, workspaceId)
			.query(RunStore::run)
			.optional();
	}

	public Optional<AgentRun> find(UUID id) {
		return jdbc.sql(SELECT + " WHERE r.id = ?").params(id).query(RunStore::run).optional();
	}

	/** The run whose latest job is {@code jobId}. */
	Optional<AgentRun> byJob(UUID jobId) {
		return jdbc.sql(SELECT + " WHERE r.job_id = ?").params(jobId).query(RunStore::run).optional();
	}

	void job(UUID id, UUID jobId) {
		jdbc.sql("UPDATE agent_runs SET job_id = ? WHERE id = ?").params(jobId, id).update();
	}

	boolean cancelRequested(UUID id) {
		return jdbc.sql("SELECT cancel_requested FROM agent_runs WHERE id = ?").params(id).query(Boolean.class).single();
	}

	/** The owner's runs, newest first; keyset on (created_at, id). */
	List<AgentRun> page(UUID workspaceId, UUID ownerId, @Nullable AgentRunStatus status, PageRequest request) {
		var spec = jdbc.sql(SELECT + " WHERE r.workspace_id = :ws AND r.owner_id = :owner"
				+ (status == null ? "" : " AND r.status = :status")
				+ (request.first() ? "" : " AND (r.created_at < :at OR (r.created_at = :at AND r.id < :id))")
				+ " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("owner", ownerId)
			.param("limit", request.limit() + 1);
		if (status != null) {
			spec = spec.param("status", status.name());
		}
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query(RunStore::run).list();
	}

	/** Moves the run from {@code from} to {@code to}; false when it was not in {@code from}. */
	boolean transition(UUID id, AgentRunStatus from, AgentRunStatus to, Instant now) {
		return jdbc.sql("UPDATE agent_runs SET status = ?, updated_at = ?, started_at = COALESCE(started_at, ?) "
				+ "WHERE id = ? AND status = ?")
			.params(to.name(), Timestamp.from(now), to == AgentRunStatus.RUNNING ? Timestamp.from(now) : null, id,
					from.name())
			.update() == 1;
	}

	/** Ends the run unless it already ended; false when it had. */
	boolean finish(UUID id, AgentRunStatus status, @Nullable String errorCode, @Nullable String errorMessage,
			@Nullable String result, Instant now) {
		return jdbc.sql("""
				UPDATE agent_runs SET status = ?, error_code = ?, error_message = ?, result = ?, finished_at = ?,
				  updated_at = ? WHERE id = ? AND status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')""")
			.params(status.name(), errorCode, errorMessage == null ? null : cut(errorMessage, 2000), result,
					Timestamp.from(now), Timestamp.from(now), id)
			.update() == 1;
	}

	/** WAITING_APPROVAL → PENDING, moving the deadline by the time spent waiting. */
	boolean resumeAfterApproval(UUID id, java.time.Duration waited, Instant now) {
		AgentRun run = find(id).orElse(null);
		if (run == null || run.status() != AgentRunStatus.WAITING_APPROVAL) {
			return false;
		}
		return jdbc.sql("UPDATE agent_runs SET status = 'PENDING', deadline_at = ?, updated_at = ? "
				+ "WHERE id = ? AND status = 'WAITING_APPROVAL'")
			.params(Timestamp.from(run.deadlineAt().plus(waited)), Timestamp.from(now), id)
			.update() == 1;
	}

	void addUsage(UUID id, long tokens, double cost) {
		jdbc.sql("UPDATE agent_runs SET tokens_used = tokens_used + ?, cost_used = cost_used + ? WHERE id = ?")
			.params(tokens, cost, id)
			.update();
	}

	void requestCancel(UUID id, Instant now) {
		jdbc.sql("UPDATE agent_runs SET cancel_requested = TRUE, updated_at = ? WHERE id = ?")
			.params(Timestamp.from(now), id)
			.update();
	}

	/** Runs a minute past their deadline that no worker ended (approval waits do not count). */
	List<AgentRun> overdue(Instant now, int limit) {
		return jdbc.sql(SELECT + " WHERE r.status IN ('PENDING', 'RUNNING') AND r.deadline_at < ? "
				+ "ORDER BY r.deadline_at LIMIT ?")
			.params(Timestamp.from(now.minusSeconds(60)), limit)
			.query(RunStore::run)
			.list();
	}

	static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	private static AgentRun run(ResultSet rs, int n) throws SQLException {
		String tools = rs.getString("tools");
		return new AgentRun(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("owner_id", UUID.class), rs.getString("goal"),
				tools.isEmpty() ? List.of() : Arrays.asList(tools.split(",")), rs.getInt("max_steps"),
				rs.getLong("max_tokens"), rs.getDouble("max_cost"), AgentRunStatus.valueOf(rs.getString("status")),
				rs.getString("planner"), rs.getString("error_code"), rs.getString("error_message"),
				rs.getString("result"), rs.getLong("tokens_used"), rs.getDouble("cost_used"), rs.getInt("step_count"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				instant(rs, "deadline_at"));
	}

	@SuppressWarnings("NullAway")
	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
