package io.knowledgecloud.agent;

import java.time.Instant;
import java.util.UUID;

/** A fact remembered from a finished run, offered to the same user's later runs. */
public record AgentMemory(UUID id, UUID runId, String fact, Instant createdAt) {
}
