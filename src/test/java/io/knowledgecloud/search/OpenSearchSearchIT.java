package io.knowledgecloud.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.search.internal.OpenSearchTestCluster;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * All of {@link SearchIT} (modes, filters, facets, access, cache, fusion, paging) with
 * {@code kc.search.engine=opensearch}: the query side must not notice which adapter answers.
 */
class OpenSearchSearchIT extends SearchIT {

	private static OpenSearchTestCluster cluster;

	OpenSearchSearchIT(@LocalServerPort int port) {
		super(port);
	}

	@DynamicPropertySource
	static void opensearch(DynamicPropertyRegistry properties) {
		if (cluster == null) {
			cluster = OpenSearchTestCluster.start(1);
		}
		properties.add("kc.search.engine", () -> "opensearch");
		properties.add("kc.search.opensearch.urls",
				() -> cluster.urls().stream().map(URI::toString).collect(Collectors.joining(",")));
		properties.add("kc.search.opensearch.index-prefix", () -> "kc-search-it");
		properties.add("kc.search.refresh-interval", () -> "100ms");
	}

	@Test
	void theIndexIsOpenSearch(@Autowired SearchIndex index) {
		assertThat(index.id()).isEqualTo("opensearch");
		assertThat(index.generations()).isNotEmpty();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
			cluster = null;
		}
	}
}
