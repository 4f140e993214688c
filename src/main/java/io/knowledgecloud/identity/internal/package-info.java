/** Identity internal: not visible to other modules. */
@NullMarked
package io.knowledgecloud.identity.internal;

import org.jspecify.annotations.NullMarked;
