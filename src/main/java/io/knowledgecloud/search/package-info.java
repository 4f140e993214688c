/**
 * Search: the chunk index (embedded Lucene, or OpenSearch) and retrieval. This first part holds
 * the write side that ingestion uses.
 */
@NullMarked
@ApplicationModule(displayName = "Search")
package io.knowledgecloud.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
