/** Notify internal: not visible to other modules. */
@NullMarked
package io.knowledgecloud.notify.internal;

import org.jspecify.annotations.NullMarked;
