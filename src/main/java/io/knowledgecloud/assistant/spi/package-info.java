/** Assistant SPI: the chat model port with one adapter per provider protocol. */
@NullMarked
@NamedInterface("spi")
package io.knowledgecloud.assistant.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
