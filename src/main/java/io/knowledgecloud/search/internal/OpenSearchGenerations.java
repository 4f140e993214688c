package io.knowledgecloud.search.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The indices behind the generations: generation {@code g} is the alias {@code <prefix>-g} of the
 * concrete index {@code <prefix>-g-v1}, created with explicit mappings on the first write (the
 * vector dimension comes from the first chunk). A new mapping version can be built beside the
 * old index and the alias moved, without a gap in search.
 */
final class OpenSearchGenerations {

	/** Version of {@link #mapping}; a change means a new concrete index behind the alias. */
	static final String MAPPING_VERSION = "v1";

	private final OpenSearchClient client;
	private final OpenSearchRequests requests;
	private final SearchSettings.OpenSearch settings;
	private final Duration refreshInterval;
	/** Generations known to exist; indices are never deleted by us. */
	private final Set<String> existing = ConcurrentHashMap.newKeySet();
	/** Generations whose mapping got the fields added since they were created (see {@link #addLaterFields}). */
	private final Set<String> upgraded = ConcurrentHashMap.newKeySet();

	OpenSearchGenerations(OpenSearchClient client, OpenSearchRequests requests, SearchSettings.OpenSearch settings,
			Duration refreshInterval) {
		this.client = client;
		this.requests = requests;
		this.settings = settings;
		this.refreshInterval = refreshInterval;
	}

	/** The alias that reads and writes of {@code generation} go through. */
	String alias(String generation) {
		if (!generation.matches("[a-z0-9._-]{1,100}")) {
			throw new IllegalArgumentException("invalid generation name " + generation);
		}
		return settings.indexPrefix() + "-" + generation;
	}

	boolean exists(String generation) {
		if (existing.contains(generation)) {
			return true;
		}
		String alias = alias(generation);
		boolean found = requests.call(() -> client.indices().exists(e -> e.index(alias))).value();
		if (found) {
			existing.add(generation);
		}
		return found;
	}

	/** Creates the generation's index and alias unless they exist; answers the alias. */
	String create(String generation, int dimension) {
		String alias = alias(generation);
		if (exists(generation)) {
			addLaterFields(generation, alias);
			return alias;
		}
		try {
			requests.call(() -> client.indices().create(c -> c.index(alias + "-" + MAPPING_VERSION)
				.settings(s -> s.numberOfShards(settings.shards())
					.numberOfReplicas(settings.replicas())
					.knn(true)
					.refreshInterval(t -> t.time(refreshInterval.toMillis() + "ms")))
				.mappings(mapping(dimension))
				.aliases(alias, a -> a.isWriteIndex(true))));
		}
		catch (OpenSearchException e) {
			// another replica of ours was first
			if (!"resource_already_exists_exception".equals(e.error().type())) {
				throw e;
			}
		}
		existing.add(generation);
		return alias;
	}

	/**
	 * Adds the fields that came after an index was created (strict mappings refuse unknown fields),
	 * once per generation and process; adding a field to a mapping is allowed and idempotent.
	 */
	private void addLaterFields(String generation, String alias) {
		if (!upgraded.contains(generation)) {
			requests.call(() -> client.indices().putMapping(p -> p.index(alias)
				.properties(LuceneSearchIndex.TOKEN_COUNT, f -> f.integer(i -> i.index(false).docValues(false)))));
			upgraded.add(generation); // only once it worked: a failed attempt is made again by the next write
		}
	}

	/** Deletes the indices behind the generation's alias (the alias goes with them). */
	void drop(String generation) {
		String alias = alias(generation);
		existing.remove(generation);
		List<String> indices;
		try {
			indices = requests.call(() -> client.indices().getAlias(a -> a.name(alias))).result().keySet().stream()
				.toList();
		}
		catch (OpenSearchException e) {
			if (e.status() == 404) {
				return;
			}
			throw e;
		}
		if (!indices.isEmpty()) {
			requests.call(() -> client.indices().delete(d -> d.index(indices)));
		}
	}

	/** Every generation with an alias under our prefix. */
	List<String> list() {
		String prefix = settings.indexPrefix() + "-";
		try {
			return requests.call(() -> client.indices().getAlias(a -> a.name(prefix + "*")))
				.result()
				.values()
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
	}

	/** Makes everything written to one index (or alias) visible to searches. */
	void refreshIndex(String index) {
		requests.call(() -> client.indices().refresh(r -> r.index(index)));
	}

	/** Makes everything written to our indices visible to searches. */
	void refresh() {
		requests.call(() -> client.indices().refresh(r -> r.index(settings.indexPrefix() + "-*").allowNoIndices(true)));
	}

	/**
	 * The fields of {@link OpenSearchChunk}, named as in the Lucene adapter; anything else is
	 * refused ({@code dynamic: strict}). Text fields use the {@code english} analyser, which is
	 * Lucene's {@code EnglishAnalyzer} as in the embedded adapter; fields only returned, never
	 * searched, are not indexed.
	 */
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
			.properties(LuceneSearchIndex.TOKEN_COUNT, p -> p.integer(i -> i.index(false).docValues(false)))
			.properties(LuceneSearchIndex.TEXT, p -> p.text(t -> t.analyzer("english")))
			.properties("content_hash", p -> p.keyword(k -> k))
			.properties("model_id", p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.TAG, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.COLLECTION, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.MEDIA_TYPE, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.ACL, p -> p.keyword(k -> k))
			.properties(LuceneSearchIndex.CREATED, p -> p.date(d -> d.format("epoch_millis")))
			.properties(OpenSearchIndex.WRITE_VERSION, p -> p.long_(l -> l))
			// faiss and nmslib need native libraries; HNSW parameters are Lucene's defaults, as embedded
			.properties(LuceneSearchIndex.VECTOR, p -> p.knnVector(v -> v.dimension(dimension)
				.method(h -> h.name("hnsw")
					.engine("lucene")
					.spaceType("innerproduct")
					.parameters("m", JsonData.of(16))
					.parameters("ef_construction", JsonData.of(100))))));
	}
}
