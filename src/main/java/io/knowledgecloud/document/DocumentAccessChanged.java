package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Metadata that search filters on (title, tags, collection, ACL) changed; the index follows at once. */
public record DocumentAccessChanged(UUID workspaceId, DocumentId documentId, String title, List<String> tags,
		@Nullable String collection, Set<UUID> allowedUsers) implements DocumentEvent {
}
