/** Embedding SPI: one interface per model provider, picked by configuration. */
@NullMarked
@NamedInterface("spi")
package io.knowledgecloud.embedding.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
