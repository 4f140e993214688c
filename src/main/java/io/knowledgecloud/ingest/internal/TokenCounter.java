package io.knowledgecloud.ingest.internal;

/**
 * Counts tokens the way the embedding model will, so that a chunk never exceeds the model's
 * window. In production this is the model's own tokenizer
 * ({@link io.knowledgecloud.embedding.spi.EmbeddingModel#countTokens}). If the count includes
 * tokens the model adds to every input (such as BERT's {@code [CLS]} and {@code [SEP]}),
 * {@code count("")} must return that fixed overhead; the chunker relies on it to add up pieces.
 */
@FunctionalInterface
interface TokenCounter {

	int count(String text);
}
