package io.knowledgecloud.assistant.spi;

/**
 * A model's request to call a tool.
 *
 * @param id the provider's call id, echoed back in the tool result
 * @param name the tool
 * @param argumentsJson the arguments as a JSON object text
 */
public record ToolCall(String id, String name, String argumentsJson) {
}
