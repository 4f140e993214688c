package io.knowledgecloud.document;

import java.util.UUID;

/** Events the document module publishes. */
public sealed interface DocumentEvent permits DocumentStored, DocumentDeleted, DocumentAccessChanged, DocumentPurged {

	UUID workspaceId();

	DocumentId documentId();
}
