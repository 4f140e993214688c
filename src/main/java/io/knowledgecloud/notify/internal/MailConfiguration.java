package io.knowledgecloud.notify.internal;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** Picks the mail adapter from {@code kc.mail.mode}. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	@Bean
	DevMailbox devMailbox(JdbcClient jdbc, Clock clock) {
		return new DevMailbox(jdbc, clock);
	}

	@Bean
	Mailer mailer(NotifySettings settings, DevMailbox devMailbox, ObjectProvider<JavaMailSender> sender) {
		if (settings.mode() == NotifySettings.Mode.CAPTURE) {
			return new Mailer() {
				@Override
				public String id() {
					return "capture";
				}

				@Override
				public void send(Mail mail) {
					devMailbox.capture(mail);
				}
			};
		}
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp == null) {
			throw new IllegalStateException("kc.mail.mode=smtp needs spring.mail.host (and port, credentials)");
		}
		return new SmtpMailer(smtp, settings.from());
	}
}
