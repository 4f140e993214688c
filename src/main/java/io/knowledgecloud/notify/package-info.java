/**
 * Notifications: e-mail (SMTP, or captured to a dev mailbox in embedded mode). Reacts to events
 * of other modules; publishes no API of its own yet.
 */
@NullMarked
@ApplicationModule(displayName = "Notify")
package io.knowledgecloud.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
