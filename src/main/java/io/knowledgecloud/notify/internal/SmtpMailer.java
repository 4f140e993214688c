package io.knowledgecloud.notify.internal;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through any SMTP relay configured with {@code spring.mail.*}. */
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
		var message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		sender.send(message);
	}
}
