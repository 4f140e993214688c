package io.knowledgecloud.search.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.search.RelatedDocument;
import io.knowledgecloud.search.Search;
import io.knowledgecloud.search.SearchEvaluation;
import io.knowledgecloud.search.SearchQuery;
import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Keyword, vector and hybrid search; related documents; per-workspace fusion settings. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}")
@Tag(name = "Search")
class SearchController {

	private static final String DESCRIPTION = "Searches the chunks of the workspace's documents that the caller may "
			+ "see. `mode`: `keyword` (BM25 over title, headings and text; the words are analysed, never parsed as "
			+ "syntax unless `advanced=true`), `vector` (meaning, bge-small embeddings) or `hybrid` (default: both "
			+ "lists fused by the workspace's fusion settings). Filters: `tag`, `collection`, `type` (media type; each "
			+ "repeatable, any-of), `from`/`to` (document creation time, ISO-8601, `to` exclusive), `document` "
			+ "(repeatable). `collapse`: `duplicates` (default; near-identical chunks fold into one with a count), "
			+ "`document` (best chunk per document; hybrid fuses the lists by document, so a document scores with its "
			+ "best keyword chunk and its best vector chunk) or `none`. `facets=true` adds counts of distinct documents by tag, "
			+ "collection, media type and year over all candidates; `explain=true` adds per-mode ranks and scores.";

	private final Search search;

	SearchController(Search search) {
		this.search = search;
	}

	@GetMapping("/search")
	@Operation(summary = "Search", description = DESCRIPTION)
	@ApiResponse(responseCode = "200", description = "A page of hits, best first")
	@ApiResponse(responseCode = "400", description = "Empty or too long query (query_required, query_too_long), "
			+ "broken advanced syntax (invalid_query_syntax), bad mode, collapse, dates, limit or cursor")
	SearchResponse search(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(name = "q", required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String mode,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(name = "tag", required = false) @Nullable List<String> tags,
			@RequestParam(name = "collection", required = false) @Nullable List<String> collections,
			@RequestParam(name = "type", required = false) @Nullable List<String> types,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			@RequestParam(name = "document", required = false) @Nullable List<UUID> documents,
			@RequestParam(required = false) @Nullable String collapse,
			@RequestParam(defaultValue = "false") boolean advanced, @RequestParam(defaultValue = "false") boolean explain,
			@RequestParam(defaultValue = "false") boolean facets) {
		var query = new SearchQuery(q == null ? "" : q, SearchRequest.mode(mode), limit, cursor,
				SearchRequest.orEmpty(tags), SearchRequest.orEmpty(collections), SearchRequest.orEmpty(types), from, to,
				documents == null ? Set.of() : Set.copyOf(documents), SearchRequest.collapse(collapse), advanced,
				explain, facets, true);
		return SearchResponse.of(search.search(new WorkspaceId(ws), user, query));
	}

	@PostMapping("/search")
	@Operation(summary = "Search (POST form)", description = "The same search with a JSON body, for long queries and "
			+ "many filters: `q`, `mode`, `limit`, `cursor`, `tags`, `collections`, `types`, `from`, `to`, "
			+ "`documents`, `collapse`, `advanced`, `explain`, `facets`.")
	@ApiResponse(responseCode = "200", description = "A page of hits, best first")
	SearchResponse searchPost(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody SearchRequest request) {
		return SearchResponse.of(search.search(new WorkspaceId(ws), user, request.toQuery()));
	}

	@GetMapping("/documents/{id}/related")
	@Operation(summary = "Related documents", description = "Documents whose chunks are closest to this document's "
			+ "centroid vector, among those the caller may see.")
	@ApiResponse(responseCode = "404", description = "Unknown, not yet indexed or not visible (document_not_found)")
	List<RelatedDocument> related(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @RequestParam(defaultValue = "10") int limit) {
		return search.related(new WorkspaceId(ws), user, new DocumentId(id), limit);
	}

	/** A question set for {@code POST …/search/evaluate}. */
	record EvaluationRequest(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(min = 1,
			max = 5000) List<@Valid QuestionRequest> questions, @Nullable Boolean apply) {
	}

	record QuestionRequest(@jakarta.validation.constraints.NotBlank String query,
			@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(min = 1,
					max = 1000) Set<UUID> relevantDocumentIds) {
	}

	@PostMapping("/search/evaluate")
	@Operation(summary = "Evaluate and tune search", description = "Admins: runs a question set (`query`, "
			+ "`relevant_document_ids`) against this workspace and reports nDCG@10, Recall@100 and MRR@10 (document "
			+ "level) for keyword, vector and a grid of hybrid fusion settings. With `apply: true` the best setting "
			+ "becomes this workspace's. Use your own questions, not a benchmark's test split.")
	SearchEvaluation evaluate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody EvaluationRequest request) {
		return search.evaluate(new WorkspaceId(ws), user, request.questions()
			.stream()
			.map(q -> new SearchEvaluation.Question(q.query(), q.relevantDocumentIds()))
			.toList(), Boolean.TRUE.equals(request.apply()));
	}

	@GetMapping("/search/settings")
	@Operation(summary = "Fusion settings", description = "How hybrid search fuses keyword and vector results here.")
	SearchTuning settings(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return search.tuning(new WorkspaceId(ws), user);
	}

	@PutMapping("/search/settings")
	@Operation(summary = "Set fusion settings", description = "Admins: `fusion` (`rrf` or `weighted`), `rrf_k` "
			+ "(1..1000), `keyword_weight` (0..1). `POST …/search/evaluate` can pick them from a question set.")
	SearchTuning tune(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody SearchTuning tuning) {
		return search.tune(new WorkspaceId(ws), user, tuning);
	}

	@DeleteMapping("/search/settings")
	@Operation(summary = "Reset fusion settings", description = "Admins: back to the server defaults.")
	SearchTuning reset(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return search.resetTuning(new WorkspaceId(ws), user);
	}
}
