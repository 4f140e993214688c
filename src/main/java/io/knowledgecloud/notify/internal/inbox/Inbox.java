package io.knowledgecloud.notify.internal.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.notify.internal.NotifyEvent;
import io.knowledgecloud.platform.PageRequest;
import tools.jackson.databind.json.JsonMapper;

/** Notifications, table {@code notify_notifications}; {@code seq} orders them and ids the SSE events. */
@Repository
class Inbox {

	/** A stored notification with its sequence number and recipient. */
	record Entry(long seq, UUID userId, Notification notification) {
	}

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final InboxSettings settings;
	private final Clock clock;

	Inbox(JdbcClient jdbc, JsonMapper json, InboxSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	/** Stores the notification unless the user already has one for this event; true when stored now. */
	boolean add(UUID userId, NotifyEvent event, String title, String body, Instant now) {
		return jdbc.sql("INSERT INTO notify_notifications (id, user_id, workspace_id, type, title, body, data, "
				+ "event_key, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
				+ "(SELECT 1 FROM notify_notifications WHERE user_id = ? AND event_key = ?)")
			.params(UUID.randomUUID(), userId, event.workspaceId(), event.type(), cut(title, 300), cut(body, 2000),
					json.writeValueAsString(event.data()), event.id(), Timestamp.from(now), userId, event.id())
			.update() == 1;
	}

	/** The user's notifications, newest first; only unread ones when {@code unreadOnly}. */
	List<Entry> page(UUID userId, boolean unreadOnly, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM notify_notifications WHERE user_id = :user"
				+ (unreadOnly ? " AND read_at IS NULL" : "") + (page.first() ? "" : " AND seq < :seq")
				+ " ORDER BY seq DESC LIMIT :limit")
			.param("user", userId)
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("seq", Long.parseLong(page.after(0)));
		}
		return spec.query(this::map).list();
	}

	/** Marks one notification read (a no-op when it already is); false when the user has no such notification. */
	boolean markRead(UUID userId, UUID id, Instant now) {
		jdbc.sql("UPDATE notify_notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL")
			.params(Timestamp.from(now), userId, id)
			.update();
		return jdbc.sql("SELECT COUNT(*) FROM notify_notifications WHERE user_id = ? AND id = ?")
			.params(userId, id)
			.query(Long.class)
			.single() == 1;
	}

	int markAllRead(UUID userId, Instant now) {
		return jdbc.sql("UPDATE notify_notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
			.params(Timestamp.from(now), userId)
			.update();
	}

	long lastSeq() {
		return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM notify_notifications").query(Long.class).single();
	}

	/** Everyone's notifications after {@code seq}, oldest first, for the stream's poller. */
	List<Entry> after(long seq, int limit) {
		return jdbc.sql("SELECT * FROM notify_notifications WHERE seq > ? ORDER BY seq LIMIT ?")
			.params(seq, limit)
			.query(this::map)
			.list();
	}

	/** One user's notifications after {@code seq}, for a client that reconnects with Last-Event-ID. */
	List<Entry> after(UUID userId, long seq, int limit) {
		return jdbc.sql("SELECT * FROM notify_notifications WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?")
			.params(userId, seq, limit)
			.query(this::map)
			.list();
	}

	int deleteBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM notify_notifications WHERE created_at < ?").param(Timestamp.from(cutoff)).update();
	}

	/** Forgets notifications older than {@code kc.notifications.retention}; idempotent, so every replica may run it. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purge() {
		deleteBefore(clock.instant().minus(settings.retention()));
	}

	private Entry map(ResultSet rs, int row) throws SQLException {
		Timestamp read = rs.getTimestamp("read_at");
		var n = new Notification(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("title"),
				rs.getString("body"), rs.getObject("workspace_id", UUID.class), json.readTree(rs.getString("data")),
				rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
		return new Entry(rs.getLong("seq"), rs.getObject("user_id", UUID.class), n);
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
