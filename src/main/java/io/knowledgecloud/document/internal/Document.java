package io.knowledgecloud.document.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;

/** A document row with its tags and ACL. */
public record Document(DocumentId id, UUID workspaceId, String title, String fileName, String mediaType,
		long sizeBytes, String sha256, List<String> tags, @Nullable String collection, boolean restricted,
		Set<UUID> allowedUsers, DocumentStatus status, @Nullable String stage, @Nullable String failureCode,
		@Nullable String failureMessage, int chunkCount, int currentVersion, @Nullable Integer indexedVersion,
		@Nullable UUID nearDuplicateOf, @Nullable String timings, UUID createdBy, Instant createdAt,
		Instant updatedAt, long rowVersion) {

	/** Whether {@code user} may see it: everyone in the workspace, or the ACL, the uploader and admins. */
	/**
	 * The access list search enforces: empty for an open document; for a restricted one the
	 * listed users plus the uploader, never empty (an empty list would mean "everyone" to the index).
	 * Workspace admins see every document through search without being listed.
	 */
	public java.util.Set<UUID> searchAcl() {
		if (!restricted) {
			return java.util.Set.of();
		}
		var acl = new java.util.HashSet<>(allowedUsers);
		acl.add(createdBy);
		return java.util.Set.copyOf(acl);
	}

	public boolean visibleTo(UUID user, boolean workspaceAdmin) {
		return !restricted || workspaceAdmin || createdBy.equals(user) || allowedUsers.contains(user);
	}
}
