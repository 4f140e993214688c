package io.knowledgecloud.notify.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notify configuration ({@code kc.mail.*}).
 *
 * @param mode {@code capture} (store in the dev mailbox and log; embedded default) or {@code smtp}
 *             (send through {@code spring.mail.*})
 * @param from sender address
 */
@Validated
@ConfigurationProperties("kc.mail")
public record NotifySettings(@DefaultValue("capture") Mode mode,
		@DefaultValue("KnowledgeCloud <no-reply@knowledgecloud.local>") String from) {

	public enum Mode {
		CAPTURE, SMTP
	}
}
