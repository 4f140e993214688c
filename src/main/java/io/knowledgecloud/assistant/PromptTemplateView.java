package io.knowledgecloud.assistant;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A prompt template as the API shows it.
 *
 * @param version 0 for the built-in template
 * @param builtin whether this is the built-in template (the workspace has none of its own)
 * @param system the system message; variables {@code {{sources}}}, {{question}}, {{workspace}}
 * @param user the user message
 */
public record PromptTemplateView(int version, boolean builtin, String system, String user,
		@Nullable UUID createdBy, @Nullable Instant createdAt) {
}
