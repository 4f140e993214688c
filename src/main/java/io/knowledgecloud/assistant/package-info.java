/**
 * Assistant: answers built only from a workspace's documents, each sentence tied to a checked
 * source span; chat models behind a small SPI (extractive offline, OpenAI-compatible, Anthropic).
 */
@NullMarked
@ApplicationModule(displayName = "Assistant")
package io.knowledgecloud.assistant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
