package io.knowledgecloud.identity;

import java.time.Instant;

/** Read model of a user for other modules. */
public record UserSummary(UserId id, String email, String displayName, boolean mfaEnabled, Instant createdAt) {
}
