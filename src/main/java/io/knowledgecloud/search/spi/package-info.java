/** Search SPI: the index port with one adapter per engine. */
@NullMarked
@NamedInterface("spi")
package io.knowledgecloud.search.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
