/** Search internals: index adapters. */
@NullMarked
package io.knowledgecloud.search.internal;

import org.jspecify.annotations.NullMarked;
