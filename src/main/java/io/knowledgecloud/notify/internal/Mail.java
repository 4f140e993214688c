package io.knowledgecloud.notify.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One outgoing e-mail: a plain-text body, optionally an HTML alternative and attachments.
 *
 * @param html the HTML alternative of {@code body}, null for plain text only
 */
public record Mail(String to, String subject, String body, @Nullable String html, List<Attachment> attachments) {

	public Mail {
		attachments = List.copyOf(attachments);
	}

	/** A plain-text mail without attachments. */
	public Mail(String to, String subject, String body) {
		this(to, subject, body, null, List.of());
	}

	/** A file sent with the mail. */
	public record Attachment(String fileName, String contentType, byte[] content) {
	}
}
