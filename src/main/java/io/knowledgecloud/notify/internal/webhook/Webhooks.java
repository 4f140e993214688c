package io.knowledgecloud.notify.internal.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.platform.PageRequest;

/** Subscriptions, table {@code notify_webhooks}; the secret column holds SecretBox ciphertext. */
@Repository
class Webhooks {

	private final JdbcClient jdbc;

	Webhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Webhook w, String sealedSecret, UUID createdBy) {
		jdbc.sql("INSERT INTO notify_webhooks (id, workspace_id, url, events, description, secret, enabled, "
				+ "consecutive_failures, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
			.params(w.id(), w.workspaceId(), w.url(), String.join(",", w.events()), w.description(), sealedSecret,
					w.enabled(), createdBy, Timestamp.from(w.createdAt()), Timestamp.from(w.updatedAt()))
			.update();
	}

	Optional<Webhook> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM notify_webhooks WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(Webhooks::map)
			.optional();
	}

	Optional<Webhook> findById(UUID id) {
		return jdbc.sql("SELECT * FROM notify_webhooks WHERE id = ?").param(id).query(Webhooks::map).optional();
	}

	Optional<String> sealedSecret(UUID id) {
		return jdbc.sql("SELECT secret FROM notify_webhooks WHERE id = ?").param(id).query(String.class).optional();
	}

	long count(UUID workspaceId) {
		return jdbc.sql("SELECT COUNT(*) FROM notify_webhooks WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	/** Enabled subscriptions of the workspace (the caller filters by event type). */
	List<Webhook> enabledIn(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM notify_webhooks WHERE workspace_id = ? AND enabled = TRUE")
			.param(workspaceId)
			.query(Webhooks::map)
			.list();
	}

	List<Webhook> page(UUID workspaceId, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM notify_webhooks WHERE workspace_id = :ws"
				+ (page.first() ? "" : " AND (created_at > :at OR (created_at = :at AND id > :id))")
				+ " ORDER BY created_at, id LIMIT :limit")
			.param("ws", workspaceId)
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query(Webhooks::map).list();
	}

	/** Writes the editable fields; {@code reenabled} also clears the failure count and reason. */
	void update(Webhook w, boolean reenabled) {
		jdbc.sql("UPDATE notify_webhooks SET url = ?, events = ?, description = ?, enabled = ?, "
				+ "consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures END, "
				+ "disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END, updated_at = ? WHERE id = ?")
			.params(w.url(), String.join(",", w.events()), w.description(), w.enabled(), reenabled, reenabled,
					Timestamp.from(w.updatedAt()), w.id())
			.update();
	}

	void replaceSecret(UUID id, String sealedSecret, Instant now) {
		jdbc.sql("UPDATE notify_webhooks SET secret = ?, updated_at = ? WHERE id = ?")
			.params(sealedSecret, Timestamp.from(now), id)
			.update();
	}

	void delete(UUID id) {
		jdbc.sql("DELETE FROM notify_webhooks WHERE id = ?").param(id).update();
	}

	void succeeded(UUID id) {
		jdbc.sql("UPDATE notify_webhooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures > 0")
			.param(id)
			.update();
	}

	/** Counts a delivery that failed for good; disables the subscription at {@code disableAfter}. */
	void failed(UUID id, int disableAfter, Instant now) {
		jdbc.sql("UPDATE notify_webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ?")
			.param(id)
			.update();
		jdbc.sql("UPDATE notify_webhooks SET enabled = FALSE, disabled_reason = ?, updated_at = ? "
				+ "WHERE id = ? AND enabled = TRUE AND consecutive_failures >= ?")
			.params(disableAfter + " consecutive deliveries failed", Timestamp.from(now), id, disableAfter)
			.update();
	}

	private static Webhook map(ResultSet rs, int row) throws SQLException {
		return new Webhook(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getString("url"), Arrays.asList(rs.getString("events").split(",")), rs.getString("description"),
				rs.getBoolean("enabled"), rs.getInt("consecutive_failures"), rs.getString("disabled_reason"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
