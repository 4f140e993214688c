package io.knowledgecloud.search.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What every index query is restricted to. Adapters must apply all of it inside the engine query
 * (never by filtering results afterwards), so counts, facets and k-NN candidates obey it too.
 *
 * @param workspaceId only chunks of this workspace
 * @param principal the user whose document ACL applies: chunks open to the whole workspace or
 *     listing this user; {@code null} means the caller may see every document of the workspace
 *     (workspace admins)
 * @param tags any of these tags (empty = no restriction)
 * @param collections any of these collections (empty = no restriction)
 * @param mediaTypes any of these media types (empty = no restriction)
 * @param from created at or after (inclusive), or {@code null}
 * @param to created before (exclusive), or {@code null}
 * @param documents only these documents (empty = no restriction)
 * @param excludedDocuments never these documents
 */
public record IndexFilter(UUID workspaceId, @Nullable UUID principal, List<String> tags, List<String> collections,
		List<String> mediaTypes, @Nullable Instant from, @Nullable Instant to, Set<UUID> documents,
		Set<UUID> excludedDocuments) {

	public IndexFilter {
		tags = List.copyOf(tags);
		collections = List.copyOf(collections);
		mediaTypes = List.copyOf(mediaTypes);
		documents = Set.copyOf(documents);
		excludedDocuments = Set.copyOf(excludedDocuments);
	}

	/** Everything in the workspace that {@code principal} may see. */
	public static IndexFilter of(UUID workspaceId, @Nullable UUID principal) {
		return new IndexFilter(workspaceId, principal, List.of(), List.of(), List.of(), null, null, Set.of(), Set.of());
	}

	public IndexFilter withDocuments(Set<UUID> only) {
		return new IndexFilter(workspaceId, principal, tags, collections, mediaTypes, from, to, only, excludedDocuments);
	}

	public IndexFilter excluding(Set<UUID> excluded) {
		return new IndexFilter(workspaceId, principal, tags, collections, mediaTypes, from, to, documents, excluded);
	}
}
