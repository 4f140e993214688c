package io.knowledgecloud.document;

import java.util.UUID;

/**
 * A deleted document's retention ran out and its rows are gone for good; modules drop what they
 * still keep about it. Its chunks left the index when it was deleted ({@link DocumentDeleted}).
 */
public record DocumentPurged(UUID workspaceId, DocumentId documentId) implements DocumentEvent {
}
