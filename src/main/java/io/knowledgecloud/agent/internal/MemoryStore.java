package io.knowledgecloud.agent.internal;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.agent.AgentMemory;
import io.knowledgecloud.platform.PageRequest;

/**
 * Table {@code agent_memories}: facts per user and workspace with their embedding. Recall scans
 * the user's newest facts in memory (bounded), which is plenty for the few hundred facts a person
 * accumulates; a vector index would be the next step.
 */
@Repository
public class MemoryStore {

	static final int RECALL_WINDOW = 1000;

	private final JdbcClient jdbc;

	MemoryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID workspaceId, UUID userId, UUID runId, String fact, String modelId, float[] vector, Instant now) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4);
		for (float v : vector) {
			buffer.putFloat(v);
		}
		jdbc.sql("""
				INSERT INTO agent_memories (id, workspace_id, user_id, run_id, fact, model_id, vector, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, userId, runId, RunStore.cut(fact, 2000), modelId, buffer.array(),
					Timestamp.from(now))
			.update();
	}

	/** The {@code k} facts closest to {@code query} (same embedding model only). */
	List<AgentMemory> recall(UUID workspaceId, UUID userId, String modelId, float[] query, int k) {
		record Scored(AgentMemory memory, double score) {
		}
		return jdbc.sql("""
				SELECT * FROM agent_memories WHERE workspace_id = ? AND user_id = ? AND model_id = ?
				ORDER BY created_at DESC LIMIT ?""")
			.params(workspaceId, userId, modelId, RECALL_WINDOW)
			.query((rs, n) -> {
				ByteBuffer b = ByteBuffer.wrap(rs.getBytes("vector"));
				double dot = 0;
				for (int i = 0; i < query.length && b.remaining() >= 4; i++) {
					dot += query[i] * b.getFloat();
				}
				return new Scored(memory(rs), dot);
			})
			.list()
			.stream()
			.sorted(Comparator.comparingDouble(Scored::score).reversed())
			.limit(k)
			.map(Scored::memory)
			.toList();
	}

	public List<AgentMemory> page(UUID workspaceId, UUID userId, PageRequest request) {
		var spec = jdbc.sql("SELECT * FROM agent_memories WHERE workspace_id = :ws AND user_id = :user"
				+ (request.first() ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("user", userId)
			.param("limit", request.limit() + 1);
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query((rs, n) -> memory(rs)).list();
	}

	public boolean delete(UUID workspaceId, UUID userId, UUID id) {
		return jdbc.sql("DELETE FROM agent_memories WHERE id = ? AND workspace_id = ? AND user_id = ?")
			.params(id, workspaceId, userId)
			.update() == 1;
	}

	public int deleteAll(UUID workspaceId, UUID userId) {
		return jdbc.sql("DELETE FROM agent_memories WHERE workspace_id = ? AND user_id = ?")
			.params(workspaceId, userId)
			.update();
	}

	private static AgentMemory memory(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new AgentMemory(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class), rs.getString("fact"),
				rs.getTimestamp("created_at").toInstant());
	}
}
