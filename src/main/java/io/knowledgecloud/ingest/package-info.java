/**
 * Ingestion: extraction (Tika), normalisation, chunking, embedding and indexing of uploaded
 * documents, as durable, resumable jobs.
 */
@NullMarked
@ApplicationModule(displayName = "Ingest")
package io.knowledgecloud.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
