/** Assistant internal: not visible to other modules. */
@NullMarked
package io.knowledgecloud.assistant.internal;

import org.jspecify.annotations.NullMarked;
