/** Outbound webhooks: subscriptions, signed deliveries with retries, and their attempt log. */
@NullMarked
package io.knowledgecloud.notify.internal.webhook;

import org.jspecify.annotations.NullMarked;
