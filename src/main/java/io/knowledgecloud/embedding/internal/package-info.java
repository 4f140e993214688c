/** Embedding internals: the provider adapters. */
@NullMarked
package io.knowledgecloud.embedding.internal;

import org.jspecify.annotations.NullMarked;
