package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch._types.mapping.KnnVectorProperty;
import org.opensearch.client.opensearch.nodes.stats.NodesStatsMetric;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.KeywordQuery;

/**
 * The adapter on a two-node cluster: an index with two shards and a replica each, written
 * through one node and searched (BM25 and k-NN) through each node, on its local shard copies; and
 * writes that ride out the back-pressure of a saturated write queue.
 */
class OpenSearchClusterIT {

	private static final String GEN = "g1-cluster";
	private static OpenSearchTestCluster cluster;
	private static ApacheHttpClient5Transport transport;
	private static OpenSearchClient client;

	@BeforeAll
	static void startCluster() {
		// a write pool of one thread with a queue of one: concurrent bulk writes meet rejections (429)
		cluster = OpenSearchTestCluster.start(2,
				Map.of("thread_pool.write.size", "1", "thread_pool.write.queue_size", "1"));
		transport = ApacheHttpClient5TransportBuilder
			.builder(cluster.urls().stream().map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort()))
				.toArray(HttpHost[]::new))
			.build();
		client = new OpenSearchClient(transport);
	}

	@AfterAll
	static void stopCluster() throws IOException {
		if (transport != null) {
			transport.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void concurrentWritesSurviveRejectedExecution() throws Exception {
		UUID ws = UUID.randomUUID();
		int writers = 8;
		List<UUID> documents = new ArrayList<>();
		try (var index = new OpenSearchIndex(cluster.settings("kc-pressure", 2, 1), Duration.ofMillis(200));
				var pool = Executors.newFixedThreadPool(writers)) {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers * 3; w++) {
				UUID doc = UUID.randomUUID();
				documents.add(doc);
				done.add(pool.submit(() -> {
					List<IndexedChunk> chunks = new ArrayList<>();
					for (int i = 0; i < 30; i++) {
						chunks.add(TestChunk.of(ws, doc).ordinal(i).text("pressure " + i)
							.vector(TestChunk.unit(1, i, 2, 3))
							.build());
					}
					index.replaceDocument(GEN, ws, doc, chunks);
				}));
			}
			for (var future : done) {
				future.get();
			}
			index.commit();
			for (UUID doc : documents) {
				assertThat(index.countChunks(GEN, ws, doc)).isEqualTo(30);
			}
		}
		long rejected = client.nodes()
			.stats(s -> s.metric(NodesStatsMetric.ThreadPool))
			.nodes()
			.values()
			.stream()
			.mapToLong(node -> node.threadPool().get("write").rejected())
			.sum();
		assertThat(rejected).as("write rejections the adapter retried").isPositive();
	}

	@Test
	void writesThroughOneNodeAreSearchableOnEveryNode() throws Exception {
		assertThat(cluster.urls()).hasSize(2);
		UUID ws = UUID.randomUUID();
		UUID doc = UUID.randomUUID();
		List<IndexedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String text = "replicated passage number " + i + (i == 7 ? " lighthouse" : "");
			chunks.add(TestChunk.of(ws, doc).ordinal(i).text(text)
				.vector(TestChunk.unit(i == 7 ? 1 : 0.1f, 1, i, 0.5f))
				.build());
		}
		var settings = cluster.settings("kc-cluster", 2, 1);
		try (var writer = new OpenSearchIndex(new SearchSettings.OpenSearch(cluster.urls().subList(0, 1), null, null,
				settings.indexPrefix(), settings.shards(), settings.replicas()), Duration.ofSeconds(1))) {
			writer.replaceDocument(GEN, ws, doc, chunks);
			writer.commit();
		}

		String index = "kc-cluster-" + GEN + "-" + OpenSearchGenerations.MAPPING_VERSION;
		var health = client.cluster()
			.health(h -> h.index(index).waitForStatus(HealthStatus.Green).timeout(t -> t.time("30s")));
		assertThat(health.timedOut()).isFalse();
		assertThat(health.numberOfNodes()).isEqualTo(2);
		assertThat(health.activePrimaryShards()).isEqualTo(2);
		assertThat(health.activeShards()).isEqualTo(4);
		KnnVectorProperty vector = client.indices()
			.getMapping(m -> m.index(index))
			.result()
			.get(index)
			.mappings()
			.properties()
			.get(LuceneSearchIndex.VECTOR)
			.knnVector();
		assertThat(vector.dimension()).isEqualTo(4);
		assertThat(vector.method().engine()).isEqualTo("lucene");
		assertThat(vector.method().spaceType()).isEqualTo("innerproduct");

		for (var url : cluster.urls()) {
			try (var reader = new OpenSearchIndex(new SearchSettings.OpenSearch(List.of(url), null, null,
					settings.indexPrefix(), 2, 1), Duration.ofSeconds(1))) {
				assertThat(reader.countChunks(GEN, ws, doc)).as("count via %s", url).isEqualTo(20);
				var lighthouse = new KeywordQuery("lighthouse", false, 1, 0.5f);
				assertThat(reader.keyword(GEN, lighthouse, IndexFilter.of(ws, null), 5))
					.as("keyword via %s", url)
					.extracting(m -> m.chunk().ordinal())
					.containsExactly(7);
				float[] query = TestChunk.unit(1, 1, 7, 0.5f);
				assertThat(reader.nearest(GEN, query, IndexFilter.of(ws, null), 3))
					.as("nearest via %s", url)
					.hasSize(3)
					.first()
					.satisfies(m -> assertThat(m.chunk().ordinal()).isEqualTo(7));
				assertThat(reader.generations()).containsExactly(GEN);
			}
		}
		// each node holds one copy of each shard, so its local copies answer everything: the two
		// nodes together have searched every primary and every replica
		for (var url : cluster.urls()) {
			try (var local = ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(),
					url.getPort())).build()) {
				long count = new OpenSearchClient(local)
					.count(c -> c.index(index).query(OpenSearchQueries.document(ws, doc)).preference("_only_local"))
					.count();
				assertThat(count).as("local copies of %s", url).isEqualTo(20);
			}
		}
	}
}
