package io.knowledgecloud.document;

import java.time.Instant;

/** A document as a report lists it: what it is and when it was added. */
public record RecentDocument(DocumentId id, String title, String mediaType, Instant createdAt) {
}
