package io.knowledgecloud.ingest.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.ingest.internal.Reindexing;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Reindex one document or a whole workspace, and follow the run. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}")
@Tag(name = "Ingestion")
class ReindexController {

	private final Reindexing reindexing;

	ReindexController(Reindexing reindexing) {
		this.reindexing = reindexing;
	}

	@PostMapping("/documents/{id}/reindex")
	@Operation(summary = "Reindex a document", description = "Editors. Queues the current version again: extracted, "
			+ "chunked, embedded (unchanged chunks come from the embedding cache) and indexed into the current embedding "
			+ "model's generation. The document stays searchable meanwhile; a FAILED one is processed again.")
	@ApiResponse(responseCode = "202", description = "Queued; follow `GET …/reindex/{id}`")
	ResponseEntity<Reindexing.Progress> document(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		return accepted(ws, reindexing.document(new WorkspaceId(ws), user, new DocumentId(id)));
	}

	@PostMapping("/reindex")
	@Operation(summary = "Reindex every document of the workspace", description = "Workspace admins. One job per live "
			+ "document, interleaved fairly with other workspaces' work.")
	@ApiResponse(responseCode = "202", description = "Queued; follow `GET …/reindex/{id}`")
	ResponseEntity<Reindexing.Progress> workspace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return accepted(ws, reindexing.workspace(new WorkspaceId(ws), user));
	}

	@GetMapping("/reindex/{runId}")
	@Operation(summary = "Progress of a reindex run", description = "`total` jobs, of which `done`, `failed` (with "
			+ "the first `errors`), `cancelled` (the document was deleted) and `pending`; `finished` when none is pending.")
	@ApiResponse(responseCode = "404", description = "No such run in this workspace (reindex_not_found)")
	Reindexing.Progress progress(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID runId) {
		return reindexing.progress(new WorkspaceId(ws), user, runId);
	}

	private static ResponseEntity<Reindexing.Progress> accepted(UUID ws, Reindexing.Progress progress) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/workspaces/" + ws + "/reindex/" + progress.id()))
			.body(progress);
	}
}
