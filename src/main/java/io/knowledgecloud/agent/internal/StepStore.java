package io.knowledgecloud.agent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code agent_steps}: append-only; (run, seq) is the key, so a step is never written twice. */
@Repository
class StepStore {

	private final JdbcClient jdbc;

	StepStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int nextSeq(java.util.UUID runId) {
		return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM agent_steps WHERE run_id = ?")
			.params(runId)
			.query(Integer.class)
			.single();
	}

	void append(Step s) {
		jdbc.sql("""
				INSERT INTO agent_steps (run_id, seq, agent, kind, thought, tool, call_id, arguments, observation, summary,
				  data, tokens, latency_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.runId(), s.seq(), s.agent(), s.kind(), s.thought() == null ? null : RunStore.cut(s.thought(), 4000),
					s.tool(), s.callId(), s.arguments(), s.observation(),
					s.summary() == null ? null : RunStore.cut(s.summary(), 2000), s.data(), s.tokens(), s.latencyMs(),
					Timestamp.from(s.createdAt()))
			.update();
	}

	List<Step> all(UUID runId) {
		return jdbc.sql("SELECT * FROM agent_steps WHERE run_id = ? ORDER BY seq").params(runId).query(StepStore::step).list();
	}

	List<Step> after(UUID runId, int afterSeq, int limit) {
		return jdbc.sql("SELECT * FROM agent_steps WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?")
			.params(runId, afterSeq, limit)
			.query(StepStore::step)
			.list();
	}

	private static Step step(ResultSet rs, int n) throws SQLException {
		return new Step(rs.getObject("run_id", UUID.class), rs.getInt("seq"), rs.getString("agent"), rs.getString("kind"),
				rs.getString("thought"), rs.getString("tool"), rs.getString("call_id"), rs.getString("arguments"),
				rs.getString("observation"), rs.getString("summary"), rs.getString("data"), rs.getInt("tokens"),
				rs.getLong("latency_ms"), rs.getTimestamp("created_at").toInstant());
	}
}
