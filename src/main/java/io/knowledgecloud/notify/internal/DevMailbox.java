package io.knowledgecloud.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.platform.PageRequest;

/**
 * The dev mailbox: stores each captured message in {@code notify_dev_mailbox} (so every replica and
 * a restart see it) and writes it to the log. Nothing leaves the machine.
 */
public class DevMailbox {

	private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

	/** A captured message. */
	public record CapturedMail(UUID id, String to, String subject, String body, Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	DevMailbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void capture(Mail mail) {
		jdbc.sql("INSERT INTO notify_dev_mailbox (id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), mail.to(), mail.subject(), mail.body(), Timestamp.from(clock.instant()))
			.update();
		log.info("Captured e-mail to {}: {}\n{}", mail.to(), mail.subject(), mail.body());
	}

	/** Messages newest first; only those to {@code recipient} unless it is null (system admins). */
	public List<CapturedMail> page(@Nullable String recipient, PageRequest page) {
		var spec = jdbc.sql("SELECT * FROM notify_dev_mailbox WHERE 1 = 1"
				+ (recipient == null ? "" : " AND recipient = :to")
				+ (page.first() ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("limit", page.limit() + 1);
		if (recipient != null) {
			spec = spec.param("to", recipient);
		}
		if (!page.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(page.after(0))))
				.param("id", UUID.fromString(page.after(1)));
		}
		return spec.query((rs, n) -> new CapturedMail(rs.getObject("id", UUID.class), rs.getString("recipient"),
				rs.getString("subject"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}
}
