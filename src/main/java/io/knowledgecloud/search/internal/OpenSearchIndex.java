package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.opensearch.client.opensearch._types.SortOrder;
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
 * chunks first and then deletes the document's chunks of earlier writes: a reader may briefly see
 * both, never neither, and a crash in between leaves stale chunks that the retry removes. Writes
 * are ordered by the version of a per-document marker, so concurrent writes of one document,
 * from any number of processes, end with the chunks of the last one only. A write is durable
 * when it returns (translog fsync per request) and searchable after {@link #commit()} (a refresh),
 * which ingestion calls once for many documents before it reports them indexed. A document's
 * first write does not wait for a refresh at all (there is nothing older to delete); a later
 * write, a delete and a metadata change refresh the index first, so the stale-chunk lookup sees
 * every chunk written so far.
 *
 * <p>k-NN runs on the {@code lucene} engine with {@code innerproduct}, which scores with Lucene's
 * maximum-inner-product scaling; {@link #similarity} maps it to the {@code (1 + dot) / 2} of the
 * embedded adapter's {@code DOT_PRODUCT}.
 */
public class OpenSearchIndex implements SearchIndex, AutoCloseable {

	private static final int PAGE = 1000;
	/** The field with the version of the write that stored a chunk. */
	static final String WRITE_VERSION = "write_version";

	private final ApacheHttpClient5Transport transport;
	private final OpenSearchClient client;
	private final OpenSearchGenerations generations;
	private final OpenSearchRequests requests;

	/**
	 * @param refreshInterval the {@code refresh_interval} of new indices, which bounds how long a
	 *     write waits until it is searchable
	 */
	public OpenSearchIndex(SearchSettings.OpenSearch settings, Duration refreshInterval) {
		this.transport = transport(settings);
		this.client = new OpenSearchClient(transport);
		this.requests = new OpenSearchRequests(client);
		this.generations = new OpenSearchGenerations(client, requests, settings, refreshInterval);
	}

	@Override
	public String id() {
		return "opensearch";
	}

	@Override
	public void replaceDocument(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		if (chunks.isEmpty()) {
			deleteDocument(generation, workspaceId, documentId);
			return;
		}
		String index = generations.create(generation, chunks.getFirst().vector().length);
		long version = claim(index, workspaceId, documentId);
		List<BulkOperation> writes = new ArrayList<>(chunks.size());
		for (IndexedChunk chunk : chunks) {
			OpenSearchChunk doc = OpenSearchChunk.of(chunk, version);
			writes.add(BulkOperation.of(b -> b.index(i -> i.index(index).id(doc.chunkId()).document(doc))));
		}
		// durable when it returns (translog); searchable after the next refresh, which the caller's
		// commit() makes: ingestion reports a document indexed only after that
		requests.bulk(writes);
		long latest = latest(index, workspaceId, documentId);
		if (version > 1 || latest > version) {
			// there are older chunks of the document (or a write raced this one): make every chunk
			// written so far searchable, so the scan below finds what it has to delete
			generations.refreshIndex(index);
			removeSuperseded(index, workspaceId, documentId, latest);
		}
	}

	@Override
	public void deleteDocument(String generation, UUID workspaceId, UUID documentId) {
		if (generations.exists(generation)) {
			String index = generations.alias(generation);
			claim(index, workspaceId, documentId);
			generations.refreshIndex(index);
			removeSuperseded(index, workspaceId, documentId, latest(index, workspaceId, documentId));
		}
	}

	/**
	 * Starts a write of the document: bumps the version of its marker (a bare document without
	 * workspace, so no query ever finds it) and answers the new version, which the chunks of
	 * this write carry. The marker's version orders concurrent writes, from any process.
	 */
	private long claim(String index, UUID workspaceId, UUID documentId) {
		String marker = marker(workspaceId, documentId);
		return requests.call(() -> client.index(i -> i.index(index).id(marker).document(Map.of()))).version();
	}

	/** The version of the document's latest write claim: a realtime get, which sees it before any refresh. */
	private long latest(String index, UUID workspaceId, UUID documentId) {
		String marker = marker(workspaceId, documentId);
		return requests.call(() -> client.get(g -> g.index(index).id(marker).source(c -> c.fetch(false)),
				Void.class)).version();
	}

	/**
	 * Deletes the document's chunks from writes older than the latest one. A write that is not the
	 * document's first calls this after a refresh made its chunks searchable, so the latest write's
	 * chunks always survive and an older write's chunks are removed by the older write itself or by
	 * a later one, whatever the order. A first write only calls it when another write raced it.
	 */
	private void removeSuperseded(String index, UUID workspaceId, UUID documentId, long latest) {
		Query superseded = Query.of(q -> q.bool(b -> b.filter(OpenSearchQueries.document(workspaceId, documentId))
			.filter(f -> f.range(r -> r.field(WRITE_VERSION).lt(JsonData.of(latest))))));
		List<BulkOperation> deletes = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : scan(index, superseded, false)) {
			String concrete = hit.index();
			deletes.add(BulkOperation.of(b -> b.delete(d -> d.index(concrete).id(hit.id()))));
		}
		requests.bulk(deletes);
	}

	private static String marker(UUID workspaceId, UUID documentId) {
		return "writes:" + workspaceId + ":" + documentId;
	}

	@Override
	public List<IndexedChunk> chunks(String generation, UUID workspaceId, UUID documentId) {
		if (!generations.exists(generation)) {
			return List.of();
		}
		List<IndexedChunk> chunks = new ArrayList<>();
		Query document = OpenSearchQueries.document(workspaceId, documentId);
		for (Hit<OpenSearchChunk> hit : scan(generations.alias(generation), document, true)) {
			chunks.add(hit.source().toChunk());
		}
		return chunks;
	}

	@Override
	public void updateMetadata(String generation, UUID workspaceId, UUID documentId, String title, List<String> tags,
			@Nullable String collection, Set<UUID> allowedUsers) {
		if (!generations.exists(generation)) {
			return;
		}
		// a partial update of the metadata fields: text and vector never travel
		Map<String, @Nullable Object> change = new HashMap<>();
		change.put(LuceneSearchIndex.TITLE, title);
		change.put(LuceneSearchIndex.TAG, List.copyOf(tags));
		change.put(LuceneSearchIndex.COLLECTION, collection);
		change.put(LuceneSearchIndex.ACL, OpenSearchChunk.acl(allowedUsers));
		Query document = OpenSearchQueries.document(workspaceId, documentId);
		List<BulkOperation> updates = new ArrayList<>();
		String index = generations.alias(generation);
		generations.refreshIndex(index); // chunks written a moment ago get the change too
		for (Hit<OpenSearchChunk> hit : scan(index, document, false)) {
			String concrete = hit.index();
			updates.add(BulkOperation.of(b -> b.update(u -> u.index(concrete).id(hit.id()).document(change))));
		}
		requests.bulk(updates);
	}

	@Override
	public long countChunks(String generation, UUID workspaceId, UUID documentId) {
		if (!generations.exists(generation)) {
			return 0;
		}
		Query document = OpenSearchQueries.document(workspaceId, documentId);
		String index = generations.alias(generation);
		return requests.call(() -> client.count(c -> c.index(index).query(document))).count();
	}

	@Override
	public List<String> generations() {
		return generations.list();
	}

	@Override
	public void dropGeneration(String generation) {
		generations.drop(generation);
	}

	@Override
	public List<ChunkMatch> keyword(String generation, KeywordQuery query, IndexFilter filter, int k) {
		Query text = OpenSearchQueries.keyword(query);
		if (text == null || !generations.exists(generation)) {
			return List.of();
		}
		var bool = new BoolQuery.Builder().must(text);
		OpenSearchQueries.filter(bool, filter);
		Query search = Query.of(q -> q.bool(bool.build()));
		return matches(generation, search, k, score -> score);
	}

	@Override
	public List<ChunkMatch> nearest(String generation, float[] vector, IndexFilter filter, int k, int candidates) {
		if (!generations.exists(generation)) {
			return List.of();
		}
		return matches(generation, knn(vector, filter, Math.max(k, candidates)), k, OpenSearchIndex::similarity);
	}

	/** The filter goes into the k-NN query: the lucene engine applies it during the graph search. */
	private static Query knn(float[] vector, IndexFilter filter, int neighbours) {
		List<Float> target = new ArrayList<>(vector.length);
		for (float v : vector) {
			target.add(v);
		}
		Query restriction = Query.of(q -> q.bool(OpenSearchQueries.filter(new BoolQuery.Builder(), filter).build()));
		return Query.of(q -> q.knn(n -> n.field(LuceneSearchIndex.VECTOR)
			.vector(target)
			.k(Math.max(1, neighbours))
			.filter(restriction)));
	}

	/**
	 * Both candidate lists of a hybrid query in one {@code _msearch}: the BM25 query and the k-NN
	 * query, each with the filter inside, fused afterwards by our own code like every adapter's.
	 */
	@Override
	public HybridMatches hybrid(String generation, KeywordQuery query, java.util.function.Supplier<float[]> vector,
			IndexFilter filter, int k, int candidates) {
		Query text = OpenSearchQueries.keyword(query);
		float[] target = vector.get();
		if (!generations.exists(generation)) {
			return new HybridMatches(List.of(), List.of());
		}
		if (text == null) {
			return new HybridMatches(List.of(), nearest(generation, target, filter, k, candidates));
		}
		var bool = new BoolQuery.Builder().must(text);
		OpenSearchQueries.filter(bool, filter);
		Query keyword = Query.of(q -> q.bool(bool.build()));
		Query knn = knn(target, filter, Math.max(k, candidates));
		String index = generations.alias(generation);
		var response = requests.call(() -> client.msearch(m -> m
			.searches(s -> s.header(h -> h.index(index)).body(b -> body(b, keyword, k)))
			.searches(s -> s.header(h -> h.index(index)).body(b -> body(b, knn, k))), OpenSearchChunk.class));
		var items = response.responses();
		return new HybridMatches(matches(rejectedAgain(items.get(0), index, keyword, k), score -> score),
				matches(rejectedAgain(items.get(1), index, knn, k), OpenSearchIndex::similarity));
	}

	/**
	 * One search of an {@code _msearch} that the cluster rejected with 429 (a full search queue)
	 * is sent again on its own, as an {@code _msearch} of that one search, after each pause of the
	 * back-off while it is rejected; a search that succeeded, or failed otherwise, is returned as it is.
	 */
	private org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem<OpenSearchChunk> rejectedAgain(
			org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem<OpenSearchChunk> item, String index,
			Query query, int k) {
		if (!rejected(item)) {
			return item;
		}
		return requests.again(() -> client.msearch(m -> m
			.searches(s -> s.header(h -> h.index(index)).body(b -> body(b, query, k))), OpenSearchChunk.class)
			.responses()
			.getFirst(), OpenSearchIndex::rejected, "one search of a hybrid query rejected with 429");
	}

	private static boolean rejected(org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem<?> item) {
		return item.isFailure() && Integer.valueOf(OpenSearchRequests.TOO_MANY_REQUESTS).equals(item.failure().status());
	}

	private static org.opensearch.client.opensearch.core.msearch.MultisearchBody.Builder body(
			org.opensearch.client.opensearch.core.msearch.MultisearchBody.Builder b, Query query, int k) {
		return b.query(query)
			.size(Math.max(1, k))
			.trackTotalHits(t -> t.enabled(false))
			.source(c -> c.filter(f -> f.excludes(LuceneSearchIndex.VECTOR)));
	}

	private static List<ChunkMatch> matches(
			org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem<OpenSearchChunk> item,
			DoubleUnaryOperator toScore) {
		if (item.isFailure()) {
			throw new SearchProblems.Unavailable("The search cluster refused one search of a hybrid query ("
					+ item.failure().status() + " " + item.failure().error().type() + ": " + item.failure().error().reason()
					+ ").");
		}
		List<ChunkMatch> matches = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : item.result().hits().hits()) {
			double score = hit.score() == null ? 0 : hit.score();
			matches.add(new ChunkMatch(hit.source().toChunk(), (float) toScore.applyAsDouble(score)));
		}
		return matches;
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
		var request = new SearchRequest.Builder().index(generations.alias(generation))
			.query(query)
			.size(Math.max(1, k))
			.trackTotalHits(t -> t.enabled(false))
			.source(c -> c.filter(f -> f.excludes(LuceneSearchIndex.VECTOR)))
			.build();
		var response = requests.call(() -> client.search(request, OpenSearchChunk.class));
		List<ChunkMatch> matches = new ArrayList<>();
		for (Hit<OpenSearchChunk> hit : response.hits().hits()) {
			double score = hit.score() == null ? 0 : hit.score();
			matches.add(new ChunkMatch(hit.source().toChunk(), (float) toScore.applyAsDouble(score)));
		}
		return matches;
	}

	/** All hits of {@code query} by ordinal, paged with {@code search_after}. */
	private List<Hit<OpenSearchChunk>> scan(String index, Query query, boolean withSource) {
		List<Hit<OpenSearchChunk>> hits = new ArrayList<>();
		List<FieldValue> after = List.of();
		while (true) {
			var builder = new SearchRequest.Builder().index(index)
				.query(query)
				.size(PAGE)
				.trackTotalHits(t -> t.enabled(false))
				.sort(o -> o.field(f -> f.field("ordinal").order(SortOrder.Asc)))
				.sort(o -> o.field(f -> f.field(LuceneSearchIndex.CHUNK_ID).order(SortOrder.Asc)))
				.source(c -> c.fetch(withSource));
			if (!after.isEmpty()) {
				builder.searchAfter(after);
			}
			var request = builder.build();
			var page = requests.call(() -> client.search(request, OpenSearchChunk.class)).hits().hits();
			hits.addAll(page);
			if (page.size() < PAGE) {
				return hits;
			}
			after = page.getLast().sort();
		}
	}

	@Override
	public void commit() {
		// writes are fsynced (translog) and visible (wait_for) already; this covers other writers
		generations.refresh();
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
