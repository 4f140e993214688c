package io.knowledgecloud.agent;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What a client asks for; unset limits take the configured defaults. */
public record RunRequest(String goal, @Nullable List<String> tools, @Nullable Integer maxSteps,
		@Nullable Long maxTokens, @Nullable Double maxCost, @Nullable Integer timeoutSeconds) {
}
