/** The tool SPI: one interface per capability an agent may call, each with a JSON schema. */
@NullMarked
@NamedInterface("spi")
package io.knowledgecloud.agent.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
