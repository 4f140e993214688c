package io.knowledgecloud.search.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.knowledgecloud.search.spi.SearchIndex;

/**
 * The OpenSearch adapter against the index contract, on one real node (with the k-NN plugin)
 * started once for the class. Each test gets its own index prefix, so its own indices.
 */
class OpenSearchIndexIT extends SearchIndexContract {

	private static final AtomicInteger PREFIXES = new AtomicInteger();
	private static OpenSearchTestCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = OpenSearchTestCluster.start(1);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Override
	SearchIndex newIndex() {
		// a short refresh interval keeps wait_for writes quick in tests
		return new OpenSearchIndex(cluster.settings("kc-test" + PREFIXES.incrementAndGet(), 1, 0),
				Duration.ofMillis(50));
	}
}
