/**
 * Embeddings: turns text into vectors with the configured model (in-process ONNX bge-small by
 * default, or an OpenAI-compatible / Ollama endpoint). Used by ingest, search and assistant.
 */
@NullMarked
@ApplicationModule(displayName = "Embedding")
package io.knowledgecloud.embedding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
