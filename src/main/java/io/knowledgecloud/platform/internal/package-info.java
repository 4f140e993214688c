/** Platform internals: filters, advice, stores behind the conventions. */
@NullMarked
package io.knowledgecloud.platform.internal;

import org.jspecify.annotations.NullMarked;
