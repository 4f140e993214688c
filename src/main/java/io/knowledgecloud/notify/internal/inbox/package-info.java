/** In-app notifications: one inbox per user, filled from other modules' events, streamed as SSE. */
@NullMarked
package io.knowledgecloud.notify.internal.inbox;

import org.jspecify.annotations.NullMarked;
