/** Document internal: not visible to other modules. */
@NullMarked
package io.knowledgecloud.document.internal;

import org.jspecify.annotations.NullMarked;
