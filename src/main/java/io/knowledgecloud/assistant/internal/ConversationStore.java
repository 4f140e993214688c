package io.knowledgecloud.assistant.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.assistant.Citation;
import io.knowledgecloud.assistant.Conversation;
import io.knowledgecloud.assistant.ConversationMessage;
import io.knowledgecloud.platform.PageRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tables {@code assistant_conversations} and {@code assistant_messages}. */
@Repository
public class ConversationStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Clock clock;

	ConversationStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Conversation create(UUID workspaceId, UUID userId, String title) {
		Instant now = clock.instant();
		var c = new Conversation(UUID.randomUUID(), workspaceId, userId, title, now, now);
		jdbc.sql("""
				INSERT INTO assistant_conversations (id, workspace_id, user_id, title, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(c.id(), workspaceId, userId, title, Timestamp.from(now), Timestamp.from(now))
			.update();
		return c;
	}

	/** The conversation if it belongs to this user in this workspace. */
	public Optional<Conversation> find(UUID workspaceId, UUID userId, UUID id) {
		return jdbc.sql("SELECT * FROM assistant_conversations WHERE id = ? AND workspace_id = ? AND user_id = ?")
			.params(id, workspaceId, userId)
			.query(ConversationStore::conversation)
			.optional();
	}

	/** Newest first; keyset on (updated_at, id). */
	public List<Conversation> page(UUID workspaceId, UUID userId, PageRequest request) {
		String after = request.first() ? "" : " AND (updated_at, id) < (:at, :id)";
		var spec = jdbc.sql("SELECT * FROM assistant_conversations WHERE workspace_id = :ws AND user_id = :user" + after
				+ " ORDER BY updated_at DESC, id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("user", userId)
			.param("limit", request.limit() + 1);
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query(ConversationStore::conversation).list();
	}

	/** Oldest first; keyset on seq. */
	public List<ConversationMessage> messages(UUID conversationId, PageRequest request) {
		int afterSeq = request.first() ? -1 : Integer.parseInt(request.after(0));
		return jdbc.sql("SELECT * FROM assistant_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")
			.params(conversationId, afterSeq, request.limit() + 1)
			.query(ConversationStore::message)
			.list();
	}

	/** The last {@code count} messages, oldest first. */
	public List<ConversationMessage> recent(UUID conversationId, int count) {
		List<ConversationMessage> newest = jdbc
			.sql("SELECT * FROM assistant_messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?")
			.params(conversationId, count)
			.query(ConversationStore::message)
			.list();
		return newest.reversed();
	}

	public void append(UUID conversationId, String role, String content, List<Citation> citations) {
		Instant now = clock.instant();
		Integer last = jdbc.sql("SELECT MAX(seq) FROM assistant_messages WHERE conversation_id = ?")
			.param(conversationId)
			.query(Integer.class)
			.optional()
			.orElse(null);
		jdbc.sql("""
				INSERT INTO assistant_messages (id, conversation_id, seq, role, content, citations, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), conversationId, last == null ? 0 : last + 1, role, content,
					citations.isEmpty() ? null : JSON.writeValueAsString(citations), Timestamp.from(now))
			.update();
		jdbc.sql("UPDATE assistant_conversations SET updated_at = ? WHERE id = ?")
			.params(Timestamp.from(now), conversationId)
			.update();
	}

	public boolean delete(UUID workspaceId, UUID userId, UUID id) {
		jdbc.sql("DELETE FROM assistant_messages WHERE conversation_id IN (SELECT id FROM assistant_conversations "
				+ "WHERE id = ? AND workspace_id = ? AND user_id = ?)").params(id, workspaceId, userId).update();
		return jdbc.sql("DELETE FROM assistant_conversations WHERE id = ? AND workspace_id = ? AND user_id = ?")
			.params(id, workspaceId, userId)
			.update() == 1;
	}

	/**
	 * Questions asked in the workspace since {@code since} by at least {@code minAskers} different
	 * users, most asked first; compared case-insensitively on their first 300 characters.
	 */
	public List<io.knowledgecloud.assistant.AskedQuestion> mostAsked(UUID workspaceId, Instant since, int minAskers,
			int limit) {
		return jdbc.sql("""
				SELECT MIN(CAST(m.content AS VARCHAR(300))) AS question, COUNT(*) AS times,
				COUNT(DISTINCT c.user_id) AS askers FROM assistant_messages m
				JOIN assistant_conversations c ON c.id = m.conversation_id
				WHERE c.workspace_id = ? AND m.role = 'user' AND m.created_at >= ?
				GROUP BY LOWER(TRIM(CAST(m.content AS VARCHAR(300))))
				HAVING COUNT(DISTINCT c.user_id) >= ? ORDER BY times DESC, question LIMIT ?""")
			.params(workspaceId, Timestamp.from(since), minAskers, limit)
			.query((rs, n) -> new io.knowledgecloud.assistant.AskedQuestion(rs.getString("question").strip(),
					rs.getLong("times"), rs.getLong("askers")))
			.list();
	}

	public void deleteWorkspace(UUID workspaceId) {
		jdbc.sql("DELETE FROM assistant_messages WHERE conversation_id IN (SELECT id FROM assistant_conversations "
				+ "WHERE workspace_id = ?)").param(workspaceId).update();
		jdbc.sql("DELETE FROM assistant_conversations WHERE workspace_id = ?").param(workspaceId).update();
	}

	private static Conversation conversation(ResultSet rs, int row) throws SQLException {
		return new Conversation(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("title"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static ConversationMessage message(ResultSet rs, int row) throws SQLException {
		String citations = rs.getString("citations");
		return new ConversationMessage(rs.getObject("id", UUID.class), rs.getInt("seq"), rs.getString("role"),
				rs.getString("content"), citations == null ? List.of() : JSON.readValue(citations, CITATIONS),
				rs.getTimestamp("created_at").toInstant());
	}
}
