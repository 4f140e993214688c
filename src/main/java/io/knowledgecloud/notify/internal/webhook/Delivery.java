package io.knowledgecloud.notify.internal.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event on its way to one subscription, with the attempts made so far (newest first).
 *
 * @param state {@code PENDING} (waiting for its next attempt), {@code SENDING}, {@code SUCCEEDED}
 *              or {@code FAILED} (all attempts failed)
 * @param attempts attempts since it was created or last redelivered
 * @param payload the exact JSON body that is signed and sent
 */
public record Delivery(UUID id, UUID webhookId, String eventId, String eventType, String state, int attempts,
		Instant nextAttemptAt, @Nullable Integer lastStatus, Instant createdAt, Instant updatedAt, String payload,
		List<Attempt> attemptLog) {

	/** One HTTP attempt: the receiver's status (absent when none came back), its latency and a response excerpt. */
	public record Attempt(int attempt, Instant startedAt, @Nullable Integer status, long latencyMs,
			@Nullable String responseExcerpt, @Nullable String error) {
	}

	Delivery withAttempts(List<Attempt> log) {
		return new Delivery(id, webhookId, eventId, eventType, state, attempts, nextAttemptAt, lastStatus, createdAt,
				updatedAt, payload, log);
	}
}
