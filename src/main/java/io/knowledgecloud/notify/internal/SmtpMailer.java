package io.knowledgecloud.notify.internal;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;

/**
 * Sends through any SMTP relay configured with {@code spring.mail.*}: plain text, or
 * multipart/alternative with HTML, and attachments as multipart/mixed.
 */
class SmtpMailer implements Mailer {

	private final JavaMailSender sender;
	private final String from;

	SmtpMailer(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public String id() {
		return "smtp";
	}

	@Override
	public void send(Mail mail) {
		var message = sender.createMimeMessage();
		try {
			boolean multipart = mail.html() != null || !mail.attachments().isEmpty();
			var helper = new MimeMessageHelper(message, multipart, "UTF-8");
			helper.setFrom(from);
			helper.setTo(mail.to());
			helper.setSubject(mail.subject());
			if (mail.html() != null) {
				helper.setText(mail.body(), mail.html());
			}
			else {
				helper.setText(mail.body());
			}
			for (Mail.Attachment a : mail.attachments()) {
				helper.addAttachment(a.fileName(), new ByteArrayResource(a.content()), a.contentType());
			}
		}
		catch (MessagingException e) {
			throw new MailPreparationException(e);
		}
		sender.send(message);
	}
}
