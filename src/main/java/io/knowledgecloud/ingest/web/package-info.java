/** Ingest web: reindex endpoints; not visible to other modules. */
@NullMarked
package io.knowledgecloud.ingest.web;

import org.jspecify.annotations.NullMarked;
