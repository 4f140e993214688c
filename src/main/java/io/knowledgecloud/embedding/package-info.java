/**
 * Embeddings: turns text into vectors with the configured model (in-process ONNX bge-small by
 * default, or an OpenAI-compatible / Ollama endpoint). Used by ingest, search and assistant.
 * Published API: {@link io.knowledgecloud.embedding.Embeddings} and
 * {@link io.knowledgecloud.embedding.EmbeddingFailed}; the port is
 * {@link io.knowledgecloud.embedding.spi.EmbeddingModel}, its adapters are in {@code internal}.
 */
@NullMarked
@ApplicationModule(displayName = "Embedding")
package io.knowledgecloud.embedding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
