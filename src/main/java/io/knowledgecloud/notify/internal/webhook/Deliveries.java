package io.knowledgecloud.notify.internal.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.notify.internal.NotifyEvent;
import io.knowledgecloud.platform.PageRequest;

/**
 * Deliveries and their attempts, tables {@code notify_webhook_deliveries} and
 * {@code notify_webhook_attempts}. A delivery is claimed by one replica with a conditional
 * {@code UPDATE} and a lease, the same on H2 and PostgreSQL; a replica that dies mid-request
 * leaves it to be claimed again when the lease runs out.
 */
@Repository
class Deliveries {

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues {@code event} for {@code webhookId} unless it is queued already (a redelivered event); true when queued now. */
	boolean enqueue(UUID webhookId, NotifyEvent event, String payload, Instant now) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("INSERT INTO notify_webhook_deliveries (id, webhook_id, workspace_id, event_id, event_type, "
				+ "payload, state, attempts, next_attempt_at, created_at, updated_at) "
				+ "SELECT ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ? WHERE NOT EXISTS "
				+ "(SELECT 1 FROM notify_webhook_deliveries WHERE webhook_id = ? AND event_id = ?)")
			.params(UUID.randomUUID(), webhookId, event.workspaceId(), event.id(), event.type(), payload, at, at, at,
					webhookId, event.id())
			.update() == 1;
	}

	/** Reserves the next due delivery of an enabled subscription for {@code worker}. */
	Optional<Delivery> claim(String worker, Duration lease, Instant now) {
		Timestamp at = Timestamp.from(now);
		List<UUID> due = jdbc.sql("SELECT d.id FROM notify_webhook_deliveries d JOIN notify_webhooks w "
				+ "ON w.id = d.webhook_id WHERE w.enabled = TRUE AND ((d.state = 'PENDING' AND d.next_attempt_at <= ?) "
				+ "OR (d.state = 'SENDING' AND d.locked_until < ?)) ORDER BY d.next_attempt_at LIMIT 10")
			.params(at, at)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
		for (UUID id : due) {
			int claimed = jdbc.sql("UPDATE notify_webhook_deliveries SET state = 'SENDING', locked_by = ?, "
					+ "locked_until = ? WHERE id = ? AND ((state = 'PENDING' AND next_attempt_at <= ?) "
					+ "OR (state = 'SENDING' AND locked_until < ?))")
				.params(worker, Timestamp.from(now.plus(lease)), id, at, at)
				.update();
			if (claimed == 1) {
				return find(id);
			}
		}
		return Optional.empty();
	}

	/**
	 * Ends the claimed attempt: {@code state} SUCCEEDED, FAILED, or PENDING again at {@code next}.
	 * False when the lease was lost to another replica, which then owns the delivery.
	 */
	boolean finish(UUID id, String worker, String state, @Nullable Integer status, Instant next, Instant now) {
		return jdbc.sql("UPDATE notify_webhook_deliveries SET state = ?, attempts = attempts + 1, last_status = ?, "
				+ "next_attempt_at = ?, locked_by = NULL, locked_until = NULL, updated_at = ? "
				+ "WHERE id = ? AND state = 'SENDING' AND locked_by = ?")
			.params(state, status, Timestamp.from(next), Timestamp.from(now), id, worker)
			.update() == 1;
	}

	void logAttempt(UUID deliveryId, Delivery.Attempt a) {
		jdbc.sql("INSERT INTO notify_webhook_attempts (id, delivery_id, attempt, started_at, status, latency_ms, "
				+ "response_excerpt, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), deliveryId, a.attempt(), Timestamp.from(a.startedAt()), a.status(),
					a.latencyMs(), a.responseExcerpt(), a.error())
			.update();
	}

	/** Sends a finished delivery again, with a fresh set of attempts; false when it is still in progress. */
	boolean redeliver(UUID webhookId, UUID id, Instant now) {
		return jdbc.sql("UPDATE notify_webhook_deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = ?, "
				+ "updated_at = ? WHERE id = ? AND webhook_id = ? AND state IN ('SUCCEEDED', 'FAILED')")
			.params(Timestamp.from(now), Timestamp.from(now), id, webhookId)
			.update() == 1;
	}

	Optional<Delivery> find(UUID id) {
		return jdbc.sql("SELECT * FROM notify_webhook_deliveries WHERE id = ?")
			.param(id)
			.query(Deliveries::map)
			.optional();
	}

	Optional<Delivery> findByEvent(UUID webhookId, String eventId) {
		return jdbc.sql("SELECT * FROM notify_webhook_deliveries WHERE webhook_id = ? AND event_id = ?")
			.params(webhookId, eventId)
			.query(Deliveries::map)
			.optional();
	}

	/** A subscription's deliveries, newest first, each with its attempts. */
	List<Delivery> page(UUID webhookId, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM notify_webhook_deliveries WHERE webhook_id = :hook"
				+ (page.first() ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("hook", webhookId)
			.param("limit", page.limit() + 1);
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		List<Delivery> rows = spec.query(Deliveries::map).list();
		Map<UUID, List<Delivery.Attempt>> log = attempts(rows.stream().map(Delivery::id).toList());
		return rows.stream().map(d -> d.withAttempts(log.getOrDefault(d.id(), List.of()))).toList();
	}

	void deleteOf(UUID webhookId) {
		jdbc.sql("DELETE FROM notify_webhook_attempts WHERE delivery_id IN "
				+ "(SELECT id FROM notify_webhook_deliveries WHERE webhook_id = ?)").param(webhookId).update();
		jdbc.sql("DELETE FROM notify_webhook_deliveries WHERE webhook_id = ?").param(webhookId).update();
	}

	/** Deletes finished deliveries last touched before {@code cutoff}, with their attempts; returns how many. */
	int deleteFinishedBefore(Instant cutoff) {
		Timestamp at = Timestamp.from(cutoff);
		jdbc.sql("DELETE FROM notify_webhook_attempts WHERE delivery_id IN (SELECT id FROM notify_webhook_deliveries "
				+ "WHERE state IN ('SUCCEEDED', 'FAILED') AND updated_at < ?)").param(at).update();
		return jdbc.sql("DELETE FROM notify_webhook_deliveries WHERE state IN ('SUCCEEDED', 'FAILED') AND updated_at < ?")
			.param(at)
			.update();
	}

	private Map<UUID, List<Delivery.Attempt>> attempts(Collection<UUID> deliveryIds) {
		if (deliveryIds.isEmpty()) {
			return Map.of();
		}
		record Row(UUID delivery, Delivery.Attempt attempt) {
		}
		return jdbc.sql("SELECT * FROM notify_webhook_attempts WHERE delivery_id IN (:ids) ORDER BY started_at DESC")
			.param("ids", deliveryIds)
			.query((rs, n) -> new Row(rs.getObject("delivery_id", UUID.class),
					new Delivery.Attempt(rs.getInt("attempt"), rs.getTimestamp("started_at").toInstant(),
							(Integer) rs.getObject("status", Integer.class), rs.getLong("latency_ms"),
							rs.getString("response_excerpt"), rs.getString("error"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Row::delivery, Collectors.mapping(Row::attempt, Collectors.toList())));
	}

	private static Delivery map(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
				rs.getString("event_id"), rs.getString("event_type"), rs.getString("state"), rs.getInt("attempts"),
				rs.getTimestamp("next_attempt_at").toInstant(), rs.getObject("last_status", Integer.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("payload"), List.of());
	}
}
