package io.knowledgecloud.search;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.search.internal.SearchProblems.DocumentNotFound;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * The indexed text of one document, chunk by chunk, as the caller may see it: what agents read
 * and compare. Restricted documents are not found for users outside their ACL.
 */
@Service
public class DocumentTexts {

	/** One chunk's text with where it sits in the document. */
	public record Passage(int ordinal, String title, List<String> headingPath, @Nullable Integer page, String text,
			float[] vector) {
	}

	private final Indexing indexing;
	private final WorkspaceAccess access;

	DocumentTexts(Indexing indexing, WorkspaceAccess access) {
		this.indexing = indexing;
		this.access = access;
	}

	/**
	 * The document's chunks if {@code principal} may see them (null = a workspace admin, who sees
	 * all), else {@code document_not_found}: one rule for reading, comparing and related documents.
	 */
	static List<IndexedChunk> visible(List<IndexedChunk> chunks, @Nullable UUID principal) {
		if (chunks.isEmpty() || (principal != null && !chunks.getFirst().allowedUsers().isEmpty()
				&& !chunks.getFirst().allowedUsers().contains(principal))) {
			throw new DocumentNotFound();
		}
		return chunks;
	}

	/** Every chunk of the document in order; {@code document_not_found} when none is visible. */
	public List<Passage> passages(WorkspaceId ws, CurrentUser caller, DocumentId document) {
		Role role = access.require(ws, caller, Role.VIEWER);
		UUID principal = role.atLeast(Role.ADMIN) ? null : caller.userId().value();
		return visible(indexing.chunks(indexing.searched().name(), ws.value(), document.value()),
				principal).stream()
			.map(c -> new Passage(c.ordinal(), c.title(), c.headingPath(), c.page(), c.text(), c.vector()))
			.toList();
	}
}
