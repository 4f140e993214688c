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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dev mailbox: stores each captured message in {@code notify_dev_mailbox} (so every replica and
 * a restart see it) and writes it to the log. Nothing leaves the machine.
 */
public class DevMailbox {

	private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

	/** A captured message; attachments are listed, their content is not kept. */
	public record CapturedMail(UUID id, String to, String subject, String body, List<CapturedAttachment> attachments,
			Instant createdAt) {
	}

	/** Name, type and size of an attachment of a captured message. */
	public record CapturedAttachment(String fileName, String contentType, long size) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<List<CapturedAttachment>> ATTACHMENTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final Clock clock;

	DevMailbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void capture(Mail mail) {
		List<CapturedAttachment> attachments = mail.attachments().stream()
			.map(a -> new CapturedAttachment(a.fileName(), a.contentType(), a.content().length))
			.toList();
		jdbc.sql("INSERT INTO notify_dev_mailbox (id, recipient, subject, body, attachments, created_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), mail.to(), mail.subject(), mail.body(),
					attachments.isEmpty() ? null : JSON.writeValueAsString(attachments), Timestamp.from(clock.instant()))
			.update();
		log.info("Captured e-mail to {}: {}{}\n{}", mail.to(), mail.subject(),
				attachments.isEmpty() ? "" : " " + attachments, mail.body());
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
		return spec.query((rs, n) -> {
			String attachments = rs.getString("attachments");
			return new CapturedMail(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("body"), attachments == null ? List.of() : JSON.readValue(attachments, ATTACHMENTS),
					rs.getTimestamp("created_at").toInstant());
		}).list();
	}
}
