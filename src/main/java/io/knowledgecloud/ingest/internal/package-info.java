/** Ingestion internals: extraction, chunking, the job queue and workers. */
@NullMarked
package io.knowledgecloud.ingest.internal;

import org.jspecify.annotations.NullMarked;
