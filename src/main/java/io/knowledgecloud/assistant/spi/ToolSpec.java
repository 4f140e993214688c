package io.knowledgecloud.assistant.spi;

/**
 * A tool a model may call.
 *
 * @param parametersSchema JSON Schema of the arguments object, as JSON text
 */
public record ToolSpec(String name, String description, String parametersSchema) {
}
