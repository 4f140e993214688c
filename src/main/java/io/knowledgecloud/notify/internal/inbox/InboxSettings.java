package io.knowledgecloud.notify.internal.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * In-app notifications ({@code kc.notifications.*}).
 *
 * @param retention how long a notification is kept, read or not
 */
@Validated
@ConfigurationProperties("kc.notifications")
public record InboxSettings(@DefaultValue("90d") Duration retention) {
}
