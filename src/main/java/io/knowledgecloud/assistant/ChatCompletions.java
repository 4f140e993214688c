package io.knowledgecloud.assistant;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.ChatModels;
import io.knowledgecloud.assistant.spi.ChatModel;

/**
 * The chat model a workspace uses, for other modules that drive it themselves (agents call it
 * with tools). Unlike answers, nothing here falls back to the extractive model on failure: a tool
 * loop cannot continue on a model that does not call tools.
 */
@Service
public class ChatCompletions {

	/**
	 * @param model the provider (already wrapped with retries and a circuit breaker when remote)
	 * @param name the model name to put in requests
	 * @param languageModel false for the offline extractive provider, which cannot plan or call tools
	 */
	public record Selected(ChatModel model, String name, boolean languageModel) {
	}

	private final ChatModels models;

	ChatCompletions(ChatModels models) {
		this.models = models;
	}

	public Selected forWorkspace(UUID workspaceId) {
		ChatModels.Selected selected = models.select(workspaceId);
		return new Selected(selected.model(), selected.modelName(), models.languageModel(selected));
	}
}
