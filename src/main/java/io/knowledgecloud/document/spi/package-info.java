/** Document SPI: the blob store port, implemented by the filesystem and S3 adapters. */
@NullMarked
@NamedInterface("spi")
package io.knowledgecloud.document.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
