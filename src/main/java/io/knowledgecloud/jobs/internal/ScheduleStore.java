package io.knowledgecloud.jobs.internal;

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

import io.knowledgecloud.platform.PageRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Table {@code jobs_schedules}. */
@Repository
class ScheduleStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	ScheduleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Schedule s) {
		jdbc.sql("""
				INSERT INTO jobs_schedules (id, workspace_id, kind, cron, time_zone, parameters, enabled, next_run_at,
				last_run_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.id(), s.workspaceId(), s.kind(), s.cron(), s.timeZone(), JSON.writeValueAsString(s.parameters()),
					s.enabled(), ts(s.nextRunAt()), ts(s.lastRunAt()), s.createdBy(), ts(s.createdAt()),
					ts(s.updatedAt()))
			.update();
	}

	void update(Schedule s) {
		jdbc.sql("""
				UPDATE jobs_schedules SET kind = ?, cron = ?, time_zone = ?, parameters = ?, enabled = ?, next_run_at = ?,
				updated_at = ? WHERE id = ? AND workspace_id = ?""")
			.params(s.kind(), s.cron(), s.timeZone(), JSON.writeValueAsString(s.parameters()), s.enabled(),
					ts(s.nextRunAt()), ts(s.updatedAt()), s.id(), s.workspaceId())
			.update();
	}

	Optional<Schedule> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM jobs_schedules WHERE id = ? AND workspace_id = ?")
			.params(id, workspaceId)
			.query(ScheduleStore::map)
			.optional();
	}

	boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM jobs_schedules WHERE id = ? AND workspace_id = ?").params(id, workspaceId).update() == 1;
	}

	void deleteWorkspace(UUID workspaceId) {
		jdbc.sql("DELETE FROM jobs_schedules WHERE workspace_id = ?").param(workspaceId).update();
	}

	/** Oldest first; keyset on (created_at, id). */
	List<Schedule> page(UUID workspaceId, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM jobs_schedules WHERE workspace_id = :ws"
				+ (page.first() ? "" : " AND (created_at > :at OR (created_at = :at AND id > :id))")
				+ " ORDER BY created_at, id LIMIT :limit")
			.param("ws", workspaceId)
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query(ScheduleStore::map).list();
	}

	List<Schedule> due(Instant now, int limit) {
		return jdbc.sql("SELECT * FROM jobs_schedules WHERE enabled = TRUE AND next_run_at <= ? ORDER BY next_run_at LIMIT ?")
			.params(Timestamp.from(now), limit)
			.query(ScheduleStore::map)
			.list();
	}

	/** Moves the schedule past the occurrence {@code claimed}; false when another replica already did. */
	boolean claim(UUID id, Instant claimed, @Nullable Instant next, Instant now) {
		return jdbc.sql("UPDATE jobs_schedules SET next_run_at = ?, last_run_at = ? WHERE id = ? AND next_run_at = ?")
			.params(ts(next), Timestamp.from(now), id, Timestamp.from(claimed))
			.update() == 1;
	}

	private static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Schedule map(ResultSet rs, int row) throws SQLException {
		return new Schedule(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getString("kind"), rs.getString("cron"), rs.getString("time_zone"),
				(ObjectNode) JSON.readTree(rs.getString("parameters")), rs.getBoolean("enabled"),
				instant(rs, "next_run_at"), instant(rs, "last_run_at"), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
