package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.KeywordQuery;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * The distributed index: one OpenSearch index per generation, {@code <prefix>-<generation>-v1},
 * reached through the alias {@code <prefix>-<generation>} (a later mapping version can be built
 * beside it and the alias swapped). Chunks are documents with {@code _id} = chunk id, so a
 * retried write overwrites instead of duplicating.
 *
 * <p>OpenSearch has no atomic multi-document write, so {@link #replaceDocument} indexes the new
 * chunks first and then deletes the document's chunks that are not among them: a reader may
 * briefly see both, never neither, and a crash in between leaves stale chunks that the retry
 * removes. Every write waits until it is searchable ({@code refresh=wait_for}), which the
 * stale-chunk lookup of the next write relies on, and is durable when it returns (translog
 * fsync per request); {@link #commit()} refreshes once more for writes by other clients.
 *
 * <p>k-NN runs on the {@code lucene} engine with {@code innerproduct}, which scores with Lucene's
 * maximum-inner-product scaling; {@link #similarity} maps it to the {@code (1 + dot) / 2} of the
 * embedded adapter's {@code DOT_PRODUCT}.
 */
public class OpenSearchIndex implements SearchIndex, AutoCloseable {

	/** Version of the mapping below; a change means a new concrete index behind the alias. */
	static final String MAPPING_VERSION = "v1";
	private static final int PAGE = 1000;

	private final SearchSettings.OpenSearch settings;
	private final Duration refreshInterval;
	private final ApacheHttpClient5Transport transport;
	private final OpenSearchClient client;
	private final OpenSearchBulk bulk;
	private final Set<String> existing = ConcurrentHashMap.newKeySet();

	public OpenSearchIndex(SearchSettings.OpenSearch settings, Duration refreshInterval) {
		this.settings = settings;
		this.refreshInterval = refreshInterval;
		this.transport = transport(settings);
		this.client = new OpenSearchClient(transport);
		this.bulk = new OpenSearchBulk(client);
	}

	@Override
	public String id() {
		return "opensearch";
	}

	@Override
	public void replaceDocument(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		if (!chunks.isEmpty()) {
			String index = create(generation, chunks.getFirst().vector().length);
			List<BulkOperation> writes = new ArrayList<>(chunks.size());
			Set<String> kept = new HashSet<>();
			for (IndexedChunk chunk : chunks) {
				OpenSearchChunk doc = OpenSearchChunk.of(chunk);
				kept.add(doc.chunkId());
				writes.add(BulkOperation.of(b -> b.index(i -> i.index(index).id(doc.chunkId()).document(doc))));
			}
			bulk.write(writes);
			deleteExcept(generation, workspaceId, documentId, kept);
		}
		else {
			deleteDocument(generation, workspaceId, documentId);
		}
	}

	@Override
	public void deleteDocument(String generation, UUID workspaceId, UUID documentId) {
		deleteExcept(generation, workspaceId, documentId, Set.of());
	}

	private void deleteExcept(String generation, UUID workspaceId, UUID documentId, Set<String> kept) {
		if (!exists(generation)) {
			return;
		}
		String index = alias(generation);
		Query stale = Query.of(q -> q.bool(b -> {
			b.filter(OpenSearchQueries.document(workspaceId, documentId));
			if (!kept.isEmpty()) {
				b.mustNot(OpenSearchQueries.anyOf(LuceneSearchIndex.CHUNK_ID, kept));
			}
			return b;
		}));
		List<BulkOperation> deletes = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : scan(index, stale, false)) {
			String concrete = hit.index();
			deletes.add(BulkOperation.of(b -> b.delete(d -> d.index(concrete).id(hit.id()))));
		}
		bulk.write(deletes);
	}

	@Override
	public List<IndexedChunk> chunks(String generation, UUID workspaceId, UUID documentId) {
		if (!exists(generation)) {
			return List.of();
		}
		List<IndexedChunk> chunks = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : scan(alias(generation), OpenSearchQueries.document(workspaceId, documentId),
				true)) {
			chunks.add(hit.source().toChunk());
		}
		return chunks;
	}

	@Override
	public void updateMetadata(String generation, UUID workspaceId, UUID documentId, String title, List<String> tags,
			@Nullable String collection, Set<UUID> allowedUsers) {
		if (!exists(generation)) {
			return;
		}
		// a partial update of the metadata fields: text and vector never travel
		Map<String, @Nullable Object> change = new HashMap<>();
		change.put(LuceneSearchIndex.TITLE, title);
		change.put(LuceneSearchIndex.TAG, List.copyOf(tags));
		change.put(LuceneSearchIndex.COLLECTION, collection);
		change.put(LuceneSearchIndex.ACL, OpenSearchChunk.acl(allowedUsers));
		List<BulkOperation> updates = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : scan(alias(generation), OpenSearchQueries.document(workspaceId, documentId),
				false)) {
			String concrete = hit.index();
			updates.add(BulkOperation.of(b -> b.update(u -> u.index(concrete).id(hit.id()).document(change))));
		}
		bulk.write(updates);
	}

	@Override
	public long countChunks(String generation, UUID workspaceId, UUID documentId) {
		if (!exists(generation)) {
			return 0;
		}
		try {
			return client.count(c -> c.index(alias(generation)).query(OpenSearchQueries.document(workspaceId,
					documentId))).count();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public List<String> generations() {
		String prefix = settings.indexPrefix() + "-";
		try {
			var aliases = client.indices().getAlias(a -> a.name(prefix + "*")).result();
			return aliases.values()
				.stream()
				.flatMap(index -> index.aliases().keySet().stream())
				.filter(name -> name.startsWith(prefix))
				.map(name -> name.substring(prefix.length()))
				.distinct()
				.sorted()
				.toList();
		}
		catch (OpenSearchException e) {
			if (e.status() == 404) {
				return List.of();
			}
			throw e;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public List<ChunkMatch> keyword(String generation, KeywordQuery query, IndexFilter filter, int k) {
		Query text = OpenSearchQueries.keyword(query);
		if (text == null || !exists(generation)) {
			return List.of();
		}
		var bool = new BoolQuery.Builder().must(text);
		OpenSearchQueries.filter(bool, filter);
		Query search = Query.of(q -> q.bool(bool.build()));
		return matches(generation, search, k, score -> score);
	}

	@Override
	public List<ChunkMatch> nearest(String generation, float[] vector, IndexFilter filter, int k) {
		if (!exists(generation)) {
			return List.of();
		}
		List<Float> target = new ArrayList<>(vector.length);
		for (float v : vector) {
			target.add(v);
		}
		Query restriction = Query.of(q -> q.bool(OpenSearchQueries.filter(new BoolQuery.Builder(), filter).build()));
		// the filter goes into the k-NN query: the lucene engine applies it during the graph search
		Query knn = Query.of(q -> q.knn(n -> n.field(LuceneSearchIndex.VECTOR)
			.vector(target)
			.k(Math.max(1, k))
			.filter(restriction)));
		return matches(generation, knn, k, OpenSearchIndex::similarity);
	}

	/**
	 * The {@code DOT_PRODUCT} score {@code (1 + dot) / 2} from the score of {@code innerproduct} on
	 * the lucene engine, which is Lucene's {@code MAXIMUM_INNER_PRODUCT} scaling:
	 * {@code dot + 1} for {@code dot >= 0} and {@code 1 / (1 - dot)} below, so
	 * {@code dot = score - 1} for {@code score >= 1} and {@code dot = 1 - 1 / score} below.
	 */
	static double similarity(double score) {
		double dot = score >= 1 ? score - 1 : 1 - 1 / score;
		return (1 + dot) / 2;
	}

	private List<ChunkMatch> matches(String generation, Query query, int k, DoubleUnaryOperator toScore) {
		try {
			var response = client.search(s -> s.index(alias(generation))
				.query(query)
				.size(Math.max(1, k))
				.trackTotalHits(t -> t.enabled(false))
				.source(c -> c.filter(f -> f.excludes(LuceneSearchIndex.VECTOR))), OpenSearchChunk.class);
			List<ChunkMatch> matches = new ArrayList<>();
			for (Hit<OpenSearchChunk> hit : response.hits().hits()) {
				double score = hit.score() == null ? 0 : hit.score();
				matches.add(new ChunkMatch(hit.source().toChunk(), (float) toScore.applyAsDouble(score)));
			}
			return matches;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** All hits of {@code query} by ordinal, paged with {@code search_after}. */
	private List<Hit<OpenSearchChunk>> scan(String index, Query query, boolean withSource) {
		List<Hit<OpenSearchChunk>> hits = new ArrayList<>();
		List<FieldValue> after = List.of();
		try {
			while (true) {
				var request = new SearchRequest.Builder().index(index)
					.query(query)
					.size(PAGE)
					.trackTotalHits(t -> t.enabled(false))
					.sort(o -> o.field(f -> f.field("ordinal").order(SortOrder.Asc)))
					.sort(o -> o.field(f -> f.field(LuceneSearchIndex.CHUNK_ID).order(SortOrder.Asc)))
					.source(c -> c.fetch(withSource));
				if (!after.isEmpty()) {
					request.searchAfter(after);
				}
				var page = client.search(request.build(), OpenSearchChunk.class).hits().hits();
				hits.addAll(page);
				if (page.size() < PAGE) {
					return hits;
				}
				after = page.getLast().sort();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void commit() {
		// writes are already fsynced (translog) and visible (wait_for); this covers other writers
		try {
			client.indices().refresh(r -> r.index(settings.indexPrefix() + "-*").allowNoIndices(true));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String alias(String generation) {
		if (!generation.matches("[a-z0-9._-]{1,100}")) {
			throw new IllegalArgumentException("invalid generation name " + generation);
		}
		return settings.indexPrefix() + "-" + generation;
	}

	private boolean exists(String generation) {
		if (existing.contains(generation)) {
			return true;
		}
		try {
			boolean found = client.indices().exists(e -> e.index(alias(generation))).value();
			if (found) {
				existing.add(generation);
			}
			return found;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Creates the generation's index and alias unless they exist; answers the index to write to. */
	private String create(String generation, int dimension) {
		String alias = alias(generation);
		if (exists(generation)) {
			return alias;
		}
		try {
			client.indices().create(c -> c.index(alias + "-" + MAPPING_VERSION)
				.settings(s -> s.numberOfShards(settings.shards())
					.numberOfReplicas(settings.replicas())
					.knn(true)
					.refreshInterval(t -> t.time(refreshInterval.toMillis() + "ms")))
				.mappings(mapping(dimension))
				.aliases(alias, a -> a.isWriteIndex(true)));
		}
		catch (OpenSearchException e) {
			// another node of ours created it first
			if (!"resource_already_exists_exception".equals(e.error().type())) {
				throw e;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		existing.add(generation);
		return alias;
	}

	/** Explicit fields; anything else is refused ({@code dynamic: strict}). */
	static TypeMapping mapping(int dimension) {
		return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
			.properties(LuceneSearchIndex.CHUNK_ID, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.WORKSPACE, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.DOCUMENT, p -> p.keyword(k -> k))
			.properties("version", p -> p.integer(i -> i.index(false).docValues(false)))
			.properties("ordinal", p -> p.integer(i -> i))
			.properties(LuceneSearchIndex.TITLE, p -> p.text(t -> t.analyzer("english")))
			.properties(LuceneSearchIndex.HEADINGS, p -> p.text(t -> t.analyzer("english")))
			.properties("heading_path", p -> p.keyword(k -> k.index(false).docValues(false)))
			.properties("page", p -> p.integer(i -> i.index(false).docValues(false)))
			.properties("start_offset", p -> p.integer(i -> i.index(false).docValues(false)))
			.properties("end_offset", p -> p.integer(i -> i.index(false).docValues(false)))
			.properties(LuceneSearchIndex.TEXT, p -> p.text(t -> t.analyzer("english")))
			.properties("content_hash", p -> p.keyword(k -> k))
			.properties("model_id", p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.TAG, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.COLLECTION, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.MEDIA_TYPE, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.ACL, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.CREATED, p -> p.date(d -> d.format("epoch_millis")))
			// HNSW parameters are Lucene's defaults, as in the embedded adapter
			.properties(LuceneSearchIndex.VECTOR, p -> p.knnVector(v -> v.dimension(dimension)
				.method(h -> h.name("hnsw")
					.engine("lucene")
					.spaceType("innerproduct")
					.parameters("m", JsonData.of(16))
					.parameters("ef_construction", JsonData.of(100))))));
	}

	private static ApacheHttpClient5Transport transport(SearchSettings.OpenSearch settings) {
		HttpHost[] hosts = settings.urls()
			.stream()
			.map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort()))
			.toArray(HttpHost[]::new);
		var json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
		var builder = ApacheHttpClient5TransportBuilder.builder(hosts).setMapper(new JacksonJsonpMapper(json));
		if (settings.username() != null) {
			var credentials = new BasicCredentialsProvider();
			String password = settings.password() == null ? "" : settings.password();
			for (HttpHost host : hosts) {
				credentials.setCredentials(new AuthScope(host),
						new UsernamePasswordCredentials(settings.username(), password.toCharArray()));
			}
			builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
		}
		return builder.build();
	}

	@Override
	public void close() throws IOException {
		transport.close();
	}
}
