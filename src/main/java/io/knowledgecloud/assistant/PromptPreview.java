package io.knowledgecloud.assistant;

import java.util.List;

/**
 * The messages a question would send to the model with a template, including the retrieved sources.
 *
 * @param templateVersion the stored version previewed, or 0 for the built-in or an unsaved draft
 */
public record PromptPreview(int templateVersion, List<Message> messages, List<Answer.Source> sources) {

	public record Message(String role, String content) {
	}
}
