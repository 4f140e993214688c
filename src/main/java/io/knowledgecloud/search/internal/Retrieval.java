package io.knowledgecloud.search.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.knowledgecloud.platform.SimHash;
import io.knowledgecloud.search.Collapse;
import io.knowledgecloud.search.SearchMode;
import io.knowledgecloud.search.SearchResults.FacetCount;
import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.search.internal.Fusion.Ranked;
import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.KeywordQuery;
import io.knowledgecloud.search.spi.Reranker;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * The engine-independent part of a search: candidate lists from the index, fusion, re-ranking,
 * collapse and facets. Everything here is the same for every {@link SearchIndex} adapter.
 */
@Component
public class Retrieval {

	/** Chunks whose SimHash differ in at most this many bits are near-duplicates. */
	static final int NEAR_DUPLICATE_BITS = 3;

	/** A collapsed hit: the best chunk of its group and how many others were folded into it. */
	public record Group(Ranked best, int duplicates) {
	}

	/** The full ranked list of a query, before paging, and its facets. */
	public record Ranking(List<Group> groups, boolean capped, Map<String, List<FacetCount>> facets) {
	}

	private final SearchIndex index;
	private final SearchSettings settings;
	private final Reranker reranker;
	/** SimHash of chunk texts by content hash: the same text always has the same fingerprint. */
	private final Cache<String, Long> fingerprints = Caffeine.newBuilder().maximumSize(100_000).build();

	Retrieval(SearchIndex index, SearchSettings settings, Reranker reranker) {
		this.index = index;
		this.settings = settings;
		this.reranker = reranker;
	}

	public List<ChunkMatch> keyword(String generation, String text, boolean advanced, IndexFilter filter, int k) {
		return index.keyword(generation,
				new KeywordQuery(text, advanced, settings.titleBoost(), settings.headingBoost()), filter, k);
	}

	public List<ChunkMatch> vector(String generation, float[] vector, IndexFilter filter, int k) {
		return index.nearest(generation, vector, filter, k, Math.max(k, settings.vectorSearchK()));
	}

	/** Ranks, re-ranks, collapses and counts facets for one query. */
	public Ranking rank(String generation, String text, SearchMode mode, boolean advanced, IndexFilter filter,
			SearchTuning tuning, Collapse collapse, boolean withFacets, Supplier<float[]> queryVector) {
		int k = settings.candidates();
		List<ChunkMatch> keyword;
		List<ChunkMatch> vector;
		if (mode == SearchMode.HYBRID) {
			// one round trip on an engine behind the network (OpenSearch: one _msearch)
			SearchIndex.HybridMatches both = index.hybrid(generation,
					new KeywordQuery(text, advanced, settings.titleBoost(), settings.headingBoost()), queryVector, filter, k,
					Math.max(k, settings.vectorSearchK()));
			keyword = both.keyword();
			vector = both.vector();
		}
		else {
			keyword = mode == SearchMode.VECTOR ? List.of() : keyword(generation, text, advanced, filter, k);
			vector = mode == SearchMode.KEYWORD ? List.of() : vector(generation, queryVector.get(), filter, k);
		}
		List<Ranked> ranked = switch (mode) {
			case KEYWORD -> Fusion.single(keyword, true);
			case VECTOR -> Fusion.single(vector, false);
			// results collapsed to documents rank documents: fused by document, as the evaluation scores them
			case HYBRID -> collapse == Collapse.DOCUMENT ? Fusion.fuseByDocument(keyword, vector, tuning)
					: Fusion.fuse(keyword, vector, tuning);
		};
		ranked = rerank(text, ranked);
		boolean capped = keyword.size() >= k || (mode == SearchMode.KEYWORD ? false : vector.size() >= k);
		return new Ranking(collapse(ranked, collapse), capped, withFacets ? facets(ranked) : Map.of());
	}

	/** Re-scores the top of the list when a re-ranker is configured; the rest keeps its order below. */
	List<Ranked> rerank(String query, List<Ranked> ranked) {
		if (reranker instanceof NoReranker || ranked.isEmpty()) {
			return ranked;
		}
		int n = Math.min(settings.rerank().topN(), ranked.size());
		List<Ranked> head = ranked.subList(0, n);
		List<Double> scores = reranker.scores(query, head.stream().map(r -> r.match().chunk().text()).toList());
		if (scores.size() != n) {
			return ranked;
		}
		List<Ranked> rescored = new ArrayList<>(ranked.size());
		for (int i = 0; i < n; i++) {
			rescored.add(head.get(i).rescored(scores.get(i)));
		}
		rescored.sort(Comparator.comparingDouble((Ranked r) -> r.rerankScore()).reversed()
			.thenComparing(Ranked::chunkId));
		rescored.addAll(ranked.subList(n, ranked.size()));
		return rescored;
	}

	List<Group> collapse(List<Ranked> ranked, Collapse collapse) {
		if (collapse == Collapse.NONE) {
			return ranked.stream().map(r -> new Group(r, 0)).toList();
		}
		List<Ranked> leaders = new ArrayList<>();
		List<Integer> folded = new ArrayList<>();
		List<Long> hashes = new ArrayList<>();
		Map<Object, Integer> byKey = new HashMap<>();
		for (Ranked r : ranked) {
			var chunk = r.match().chunk();
			Object key = collapse == Collapse.DOCUMENT ? chunk.documentId() : chunk.contentHash();
			Integer into = byKey.get(key);
			long hash = collapse == Collapse.DOCUMENT ? 0L : fingerprint(r);
			for (int g = 0; into == null && collapse == Collapse.DUPLICATES && g < hashes.size(); g++) {
				if (SimHash.distance(hashes.get(g), hash) <= NEAR_DUPLICATE_BITS) {
					into = g;
				}
			}
			if (into != null) {
				folded.set(into, folded.get(into) + 1);
				continue;
			}
			byKey.put(key, leaders.size());
			leaders.add(r);
			folded.add(0);
			hashes.add(hash);
		}
		List<Group> out = new ArrayList<>(leaders.size());
		for (int g = 0; g < leaders.size(); g++) {
			out.add(new Group(leaders.get(g), folded.get(g)));
		}
		return out;
	}

	private long fingerprint(Ranked r) {
		var chunk = r.match().chunk();
		return fingerprints.get(chunk.contentHash(), h -> SimHash.of(chunk.text()));
	}

	/** Distinct documents per facet value among all candidates, most first (ties by value). */
	static Map<String, List<FacetCount>> facets(List<Ranked> ranked) {
		Map<String, Map<String, Set<UUID>>> byFacet = new LinkedHashMap<>();
		for (String facet : List.of("tag", "collection", "media_type", "year")) {
			byFacet.put(facet, new TreeMap<>());
		}
		for (Ranked r : ranked) {
			var c = r.match().chunk();
			for (String tag : c.tags()) {
				add(byFacet, "tag", tag, c.documentId());
			}
			if (c.collection() != null) {
				add(byFacet, "collection", c.collection(), c.documentId());
			}
			add(byFacet, "media_type", c.mediaType(), c.documentId());
			add(byFacet, "year", String.valueOf(c.createdAt().atZone(ZoneOffset.UTC).getYear()), c.documentId());
		}
		Map<String, List<FacetCount>> out = new LinkedHashMap<>();
		byFacet.forEach((facet, values) -> out.put(facet, values.entrySet()
			.stream()
			.map(e -> new FacetCount(e.getKey(), e.getValue().size()))
			.sorted(Comparator.comparingInt(FacetCount::count).reversed().thenComparing(FacetCount::value))
			.toList()));
		return out;
	}

	private static void add(Map<String, Map<String, Set<UUID>>> facets, String facet, String value, UUID document) {
		facets.get(facet).computeIfAbsent(value, v -> new HashSet<>()).add(document);
	}
}
