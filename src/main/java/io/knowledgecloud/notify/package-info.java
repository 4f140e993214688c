/**
 * Notifications: e-mail (SMTP, or captured to a dev mailbox in embedded mode), outbound webhooks
 * and in-app notifications. Reacts to events of other modules; publishes no API of its own.
 */
@NullMarked
@ApplicationModule(displayName = "Notify")
package io.knowledgecloud.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
