package io.knowledgecloud.document;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.document.internal.DocumentManagement;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.WorkspaceId;

/** Read-only queries for other modules: the current versions of live documents, e.g. to reindex them. */
@Service
public class DocumentCatalog {

	private final DocumentManagement documents;

	DocumentCatalog(DocumentManagement documents) {
		this.documents = documents;
	}

	/** The document as the caller sees it (member, and allowed by its ACL), else {@code document_not_found}. */
	public IndexableDocument visible(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		return documents.indexable(ws, caller, id);
	}

	/** A page of the workspace's live documents in id order, after {@code afterId}. */
	public List<IndexableDocument> live(WorkspaceId ws, @Nullable DocumentId afterId, int limit) {
		return documents.indexable(ws, afterId, limit);
	}

	/**
	 * Live documents added to the workspace since {@code since}, newest first, leaving out those
	 * with an access list (the result is shown to every member, e.g. in the weekly digest).
	 */
	public List<RecentDocument> addedSince(WorkspaceId ws, Instant since, int limit) {
		return documents.addedSince(ws, since, limit);
	}

	/** Those of the documents that are live, in any workspace. */
	public List<IndexableDocument> live(Collection<DocumentId> ids) {
		return documents.indexable(ids);
	}
}
