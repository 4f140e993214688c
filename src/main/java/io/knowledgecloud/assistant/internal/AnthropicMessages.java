package io.knowledgecloud.assistant.internal;

import java.util.List;
import java.util.stream.Collectors;

import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.ToolCall;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SPI's conversation in the Messages API's shape: system messages go to the top-level
 * {@code system}; the rest alternate {@code user}/{@code assistant} with content blocks, so
 * consecutive messages of one side are merged; tool calls are {@code tool_use} blocks of the
 * assistant and tool results {@code tool_result} blocks of the user. Empty text blocks are left out
 * (the API refuses them).
 */
final class AnthropicMessages {

	private AnthropicMessages() {
	}

	static String system(List<ChatMessage> messages) {
		return messages.stream()
			.filter(m -> m.role().equals("system") && !m.content().isBlank())
			.map(ChatMessage::content)
			.collect(Collectors.joining("\n\n"));
	}

	static ArrayNode messages(List<ChatMessage> messages) {
		ArrayNode out = ProviderEndpoint.JSON.createArrayNode();
		for (ChatMessage m : messages) {
			if (m.role().equals("system")) {
				continue;
			}
			String role = m.role().equals("assistant") ? "assistant" : "user";
			ArrayNode blocks = ProviderEndpoint.JSON.createArrayNode();
			if (m.role().equals("tool")) {
				blocks.addObject()
					.put("type", "tool_result")
					.put("tool_use_id", m.toolCallId() != null ? m.toolCallId() : "")
					.put("content", m.content());
			}
			else if (!m.content().isBlank()) {
				blocks.addObject().put("type", "text").put("text", m.content());
			}
			for (ToolCall call : m.toolCalls()) {
				blocks.addObject()
					.put("type", "tool_use")
					.put("id", call.id())
					.put("name", call.name())
					.set("input", input(call.argumentsJson()));
			}
			if (blocks.isEmpty()) {
				continue;
			}
			JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
			if (last != null && last.path("role").stringValue("").equals(role)) {
				((ArrayNode) last.path("content")).addAll(blocks);
			}
			else {
				ObjectNode message = out.addObject().put("role", role);
				message.set("content", blocks);
			}
		}
		return out;
	}

	/** A tool call's arguments as the object the API wants; text that is not one becomes {@code {}}. */
	private static JsonNode input(String json) {
		try {
			JsonNode node = ProviderEndpoint.JSON.readTree(json);
			if (node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// a model that produced broken arguments; the provider would reject them as they are
		}
		return ProviderEndpoint.JSON.createObjectNode();
	}
}
