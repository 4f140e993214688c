package io.knowledgecloud.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.document.DocumentCatalog;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.IndexableDocument;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.AfterTransaction;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.search.Indexing;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Reindexing on request: one document (editors) or a whole workspace (admins) is queued again,
 * current versions into the current embedding model's generation, as a run whose progress is
 * the state of its jobs. Documents stay searchable meanwhile: each job replaces the document's
 * chunks atomically, and an INDEXED document stays INDEXED; a FAILED one is taken back to work.
 */
@Service
public class Reindexing {

	/** A run's progress. {@code pending} counts queued and running jobs; cancelled ones belong to deleted documents. */
	public record Progress(UUID id, String scope, @Nullable UUID documentId, String generation, int total, long done,
			long failed, long cancelled, long pending, boolean finished, Instant createdAt, List<String> errors) {
	}

	private static final int PAGE = 500;

	private final IngestJobs jobs;
	private final ReindexRuns runs;
	private final DocumentCatalog catalog;
	private final WorkspaceAccess access;
	private final Indexing indexing;
	private final Embeddings embeddings;
	private final IngestWorkers workers;

	Reindexing(IngestJobs jobs, ReindexRuns runs, DocumentCatalog catalog, WorkspaceAccess access, Indexing indexing,
			Embeddings embeddings, IngestWorkers workers) {
		this.jobs = jobs;
		this.runs = runs;
		this.catalog = catalog;
		this.access = access;
		this.indexing = indexing;
		this.embeddings = embeddings;
		this.workers = workers;
	}

	@Transactional
	public Progress document(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		access.require(ws, caller, Role.EDITOR);
		IndexableDocument document = catalog.visible(ws, caller, id);
		return progress(start(ws.value(), id.value(), ReindexRuns.Scope.DOCUMENT, List.of(document),
				caller.userId().value()));
	}

	@Transactional
	public Progress workspace(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.ADMIN);
		List<IndexableDocument> all = new ArrayList<>();
		List<IndexableDocument> page;
		do {
			page = catalog.live(ws, all.isEmpty() ? null : all.getLast().documentId(), PAGE);
			all.addAll(page);
		}
		while (page.size() == PAGE);
		return progress(start(ws.value(), null, ReindexRuns.Scope.WORKSPACE, all, caller.userId().value()));
	}

	public Progress progress(WorkspaceId ws, CurrentUser caller, UUID runId) {
		access.require(ws, caller, Role.VIEWER);
		return runs.find(runId)
			.filter(r -> ws.value().equals(r.workspaceId()))
			.map(this::progress)
			.orElseThrow(ReindexRunNotFound::new);
	}

	/** Creates the run and its jobs (in the caller's transaction) and wakes the workers after commit. */
	ReindexRuns.Run start(@Nullable UUID workspaceId, @Nullable UUID documentId, ReindexRuns.Scope scope,
			List<IndexableDocument> documents, @Nullable UUID createdBy) {
		String generation = indexing.generationFor(embeddings.modelId());
		ReindexRuns.Run run = runs.create(workspaceId, documentId, scope, generation, documents.size(), createdBy);
		for (int from = 0; from < documents.size(); from += PAGE) {
			jobs.enqueue(run.id(), documents.subList(from, Math.min(documents.size(), from + PAGE)));
		}
		AfterTransaction.commit(workers::wake);
		return run;
	}

	Progress progress(ReindexRuns.Run run) {
		Map<String, Long> counts = jobs.progress(run.id());
		long pending = counts.getOrDefault("QUEUED", 0L) + counts.getOrDefault("RUNNING", 0L);
		return new Progress(run.id(), run.scope().name().toLowerCase(java.util.Locale.ROOT), run.documentId(),
				run.generation(), run.total(), counts.getOrDefault("DONE", 0L), counts.getOrDefault("FAILED", 0L),
				counts.getOrDefault("CANCELLED", 0L), pending, pending == 0, run.createdAt(),
				counts.getOrDefault("FAILED", 0L) == 0 ? List.of() : jobs.errors(run.id(), 5));
	}

	/** No such run in this workspace. */
	static final class ReindexRunNotFound extends KnowledgeCloudException {
		ReindexRunNotFound() {
			super(HttpStatus.NOT_FOUND, "reindex_not_found", "No such reindex run in this workspace.");
		}
	}
}
