/**
 * Assistant command line: the evaluation client, run from {@code main} without a Spring context.
 * A named interface, so the application class may start it.
 */
@NullMarked
@NamedInterface("cli")
package io.knowledgecloud.assistant.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
