package io.knowledgecloud.assistant;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The chat provider a workspace uses, as the API shows it: the key itself is never returned.
 *
 * @param inherited the workspace has no provider of its own and uses the server's
 * @param apiKeySet whether an API key is stored (encrypted under the master key)
 */
public record ProviderChoice(String provider, String model, @Nullable String baseUrl, boolean apiKeySet,
		boolean inherited, @Nullable Instant updatedAt) {
}
