package io.knowledgecloud.search;

/**
 * A query vector the caller already has (the assistant embeds the question for its semantic cache),
 * so search need not embed the same text again. Search uses it only for the same text and model.
 *
 * @param text the exact text that was embedded
 * @param modelId the embedding model that made it
 * @param values the vector
 */
public record QueryVector(String text, String modelId, float[] values) {
}
