package io.knowledgecloud.search;

import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.Digests;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.search.SearchHit.Explanation;
import io.knowledgecloud.search.internal.Evaluation;
import io.knowledgecloud.search.internal.IndexEpochs;
import io.knowledgecloud.search.internal.Retrieval;
import io.knowledgecloud.search.internal.Retrieval.Group;
import io.knowledgecloud.search.internal.Retrieval.Ranking;
import io.knowledgecloud.search.internal.SearchProblems.InvalidQuery;
import io.knowledgecloud.search.internal.SearchQueries;
import io.knowledgecloud.search.internal.SearchSettings;
import io.knowledgecloud.search.internal.Snippets;
import io.knowledgecloud.search.internal.Tunings;
import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.SearchIndex;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Permission-aware retrieval. Every query is restricted inside the index to the caller's
 * workspace and, unless the caller administers the workspace, to documents open to the whole
 * workspace or listing the caller; counts and facets come from the same restricted candidates.
 */
@Service
public class Search {

	/** Cache key: everything that changes the ranked list, including the index epoch. */
	private record Key(String generation, UUID workspace, @Nullable UUID principal, String text, SearchMode mode,
			boolean advanced, IndexFilter filter, SearchTuning tuning, Collapse collapse, boolean facets, long epoch) {
	}

	static final int MAX_QUESTIONS = 5000;

	private final SearchIndex index;
	private final Retrieval retrieval;
	private final Embeddings embeddings;
	private final Indexing indexing;
	private final WorkspaceAccess access;
	private final Tunings tunings;
	private final IndexEpochs epochs;
	private final SearchSettings settings;
	private final Cursors cursors;
	private final SearchQueries queries;
	private final Snippets snippets = new Snippets(280);
	private final Cache<Key, Ranking> cache;
	private final Counter hits;
	private final Counter misses;
	Search(SearchIndex index, Retrieval retrieval, Embeddings embeddings, Indexing indexing, WorkspaceAccess access,
			Tunings tunings, IndexEpochs epochs, SearchSettings settings, Cursors cursors, SearchQueries queries,
			MeterRegistry meters) {
		this.index = index;
		this.retrieval = retrieval;
		this.embeddings = embeddings;
		this.indexing = indexing;
		this.access = access;
		this.tunings = tunings;
		this.epochs = epochs;
		this.settings = settings;
		this.cursors = cursors;
		this.queries = queries;
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.cache().maximumSize())
			.expireAfterWrite(settings.cache().ttl())
			.build();
		this.hits = Counter.builder("kc.search.cache").tag("result", "hit").register(meters);
		this.misses = Counter.builder("kc.search.cache").tag("result", "miss").register(meters);
	}

	/** One page of results for {@code query}, as {@code caller} may see them. */
	public SearchResults search(WorkspaceId ws, CurrentUser caller, SearchQuery query) {
		return search(ws, caller, query, null);
	}

	/**
	 * As {@link #search(WorkspaceId, CurrentUser, SearchQuery)}, reusing {@code known} as the query
	 * vector when it was made from the same text with the model of the generation searched.
	 */
	public SearchResults search(WorkspaceId ws, CurrentUser caller, SearchQuery query, @Nullable QueryVector known) {
		Role role = access.require(ws, caller, Role.VIEWER);
		String text = queries.validate(query.text(), query.advanced());
		if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
			throw new InvalidQuery("invalid_date_range", "'from' must be before 'to'.");
		}
		UUID principal = role.atLeast(Role.ADMIN) ? null : caller.userId().value();
		IndexFilter filter = new IndexFilter(ws.value(), principal, query.tags(), query.collections(),
				query.mediaTypes(), query.from(), query.to(), query.documents(), Set.of());
		Indexing.Generation searched = indexing.searched();
		String generation = searched.name();
		// while a model switch re-embeds, the previous generation is read: with its own model when this
		// server can run it, else by keyword only (its vectors cannot be compared with another model's)
		SearchMode mode = query.mode() != SearchMode.KEYWORD && !embeddings.canEmbedWith(searched.modelId())
				? SearchMode.KEYWORD : query.mode();
		SearchTuning tuning = tunings.forWorkspace(ws.value());
		Key key = new Key(generation, ws.value(), principal, text, mode, query.advanced(), filter, tuning,
				query.collapse(), query.facets(), epochs.current(ws.value()));
		// a cursor belongs to one ranked list; facets and later index writes do not change which
		String scope = "search:" + ws + ":" + Digests.sha256Hex(List.of(generation, String.valueOf(principal), text,
				mode, query.advanced(), filter, tuning, query.collapse()).toString());
		PageRequest page = cursors.request(scope, query.cursor(), query.limit());
		int offset = page.first() ? 0 : Integer.parseInt(page.after(0));

		Ranking ranking = settings.cache().enabled() ? cache.getIfPresent(key) : null;
		boolean cached = ranking != null;
		if (cached) {
			hits.increment();
		}
		else {
			misses.increment();
			// the query is embedded on another core while the keyword search runs
			String model = searched.modelId();
			Supplier<float[]> vector;
			if (known != null && known.modelId().equals(model) && known.text().equals(text)) {
				vector = known::values;
			}
			else {
				vector = mode == SearchMode.KEYWORD ? () -> embeddings.embedQuery(model, text)
						: new QueryVector(text, model, embeddings.embedQueryAhead(model, text))::values;
			}
			ranking = retrieval.rank(generation, text, mode, query.advanced(), filter, tuning,
					query.collapse(), query.facets(), vector);
			if (settings.cache().enabled()) {
				cache.put(key, ranking);
			}
		}
		List<Group> groups = ranking.groups();
		List<Positioned> rows = new ArrayList<>();
		for (int i = offset; i < Math.min(groups.size(), offset + page.limit() + 1); i++) {
			rows.add(new Positioned(i, groups.get(i)));
		}
		CursorPage<Positioned> paged = cursors.page(scope, rows, page, p -> List.of(String.valueOf(p.position() + 1)));
		Set<String> terms = !query.snippets() ? Set.of()
				: mode == SearchMode.VECTOR && !query.advanced() ? snippets.terms(text)
						: snippets.terms(text.replaceAll("[\"+\\-|()*~]", " "));
		String fusion = mode == SearchMode.HYBRID ? tuning.fusion() : mode.json();
		List<SearchHit> results = paged.items()
			.stream()
			.map(p -> hit(p.group(), terms, query.snippets(), query.explain() ? fusion : null))
			.toList();
		return new SearchResults(results, paged.nextCursor(), groups.size(), ranking.capped(),
				query.facets() ? ranking.facets() : Map.of(), mode, generation, cached);
	}

	/** Documents whose content is closest to {@code document}'s, best first. */
	public List<RelatedDocument> related(WorkspaceId ws, CurrentUser caller, DocumentId document, int limit) {
		Role role = access.require(ws, caller, Role.VIEWER);
		if (limit < 1 || limit > 50) {
			throw new InvalidQuery("invalid_limit", "limit must be between 1 and 50, was " + limit);
		}
		UUID principal = role.atLeast(Role.ADMIN) ? null : caller.userId().value();
		String generation = indexing.searched().name();
		List<IndexedChunk> chunks = DocumentTexts.visible(index.chunks(generation, ws.value(), document.value()),
				principal);
		if (chunks.getFirst().vector().length == 0) {
			return List.of(); // written without vectors during a model switch: nothing to compare with yet
		}
		float[] centroid = new float[chunks.getFirst().vector().length];
		for (IndexedChunk c : chunks) {
			for (int i = 0; i < centroid.length; i++) {
				centroid[i] += c.vector()[i];
			}
		}
		normalize(centroid);
		IndexFilter filter = IndexFilter.of(ws.value(), principal).excluding(Set.of(document.value()));
		Map<UUID, ChunkMatch> best = new LinkedHashMap<>();
		for (ChunkMatch m : retrieval.vector(generation, centroid, filter, settings.candidates())) {
			best.putIfAbsent(m.chunk().documentId(), m);
		}
		return best.values()
			.stream()
			.sorted(Comparator.comparingDouble((ChunkMatch m) -> m.score()).reversed())
			.limit(limit)
			.map(m -> new RelatedDocument(m.chunk().documentId(), m.chunk().title(), m.score(), m.chunk().chunkId(),
					snippets.of(m.chunk().text(), Set.of()).text()))
			.toList();
	}

	/**
	 * Runs {@code questions} against the workspace (as the admin asking, so every document counts)
	 * and scores keyword, vector and a grid of fusion settings; with {@code apply} the best setting
	 * becomes the workspace's. Use the workspace's own questions, never a benchmark's test split.
	 */
	public SearchEvaluation evaluate(WorkspaceId ws, CurrentUser caller, List<SearchEvaluation.Question> questions,
			boolean apply) {
		access.require(ws, caller, Role.ADMIN);
		if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
			throw new InvalidQuery("invalid_question_set",
					"Send between 1 and " + MAX_QUESTIONS + " questions, not " + questions.size() + ".");
		}
		Indexing.Generation searched = indexing.searched();
		String generation = searched.name();
		boolean vectors = embeddings.canEmbedWith(searched.modelId());
		IndexFilter filter = IndexFilter.of(ws.value(), null);
		List<Evaluation.Lists> lists = new ArrayList<>();
		for (SearchEvaluation.Question q : questions) {
			String text = queries.validate(q.query(), false);
			lists.add(new Evaluation.Lists(q, retrieval.keyword(generation, text, false, filter, settings.candidates()),
					vectors ? retrieval.vector(generation, embeddings.embedQuery(searched.modelId(), text), filter,
							settings.candidates()) : List.of()));
		}
		var variants = Evaluation.evaluate(lists, Evaluation.grid());
		SearchTuning best = variants.stream()
			.filter(v -> v.mode() == SearchMode.HYBRID)
			.findFirst()
			.map(SearchEvaluation.Variant::tuning)
			.orElseThrow();
		if (apply) {
			tunings.save(ws.value(), best, caller.userId().value());
		}
		return new SearchEvaluation(questions.size(), variants, best, apply);
	}

	/** The workspace's fusion settings (the configured defaults when it has none). */
	public SearchTuning tuning(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return tunings.forWorkspace(ws.value());
	}

	/** Sets the workspace's fusion settings; admins only. */
	public SearchTuning tune(WorkspaceId ws, CurrentUser caller, SearchTuning tuning) {
		access.require(ws, caller, Role.ADMIN);
		tunings.save(ws.value(), tuning, caller.userId().value());
		return tuning;
	}

	/** Back to the configured defaults; admins only. */
	public SearchTuning resetTuning(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.ADMIN);
		tunings.reset(ws.value());
		return tunings.defaults();
	}

	private SearchHit hit(Group group, Set<String> terms, boolean withSnippet, @Nullable String fusion) {
		var r = group.best();
		IndexedChunk c = r.match().chunk();
		var snippet = withSnippet ? snippets.of(c.text(), terms) : Snippets.NONE;
		double score = r.rerankScore() != null ? r.rerankScore() : r.score();
		Explanation explain = fusion == null ? null
				: new Explanation(r.keywordRank(), r.keywordScore(), r.vectorRank(), r.vectorScore(), r.score(), fusion,
						r.rerankScore());
		return new SearchHit(c.chunkId(), c.documentId(), c.title(), c.version(), c.page(), c.headingPath(),
				c.startOffset(), c.endOffset(), c.text(), c.tokenCount(), snippet.text(), snippet.highlights(), score,
				group.duplicates(), c.tags(), c.collection(), c.mediaType(), c.createdAt(), explain);
	}

	private static void normalize(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += x * x;
		}
		norm = Math.sqrt(norm);
		if (norm > 0) {
			for (int i = 0; i < v.length; i++) {
				v[i] /= (float) norm;
			}
		}
	}

	private record Positioned(int position, Group group) {
	}
}
