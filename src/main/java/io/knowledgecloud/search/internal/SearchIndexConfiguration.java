package io.knowledgecloud.search.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.search.spi.Reranker;
import io.knowledgecloud.search.spi.SearchIndex;

/** Creates the index adapter that {@code kc.search.engine} names, and the re-ranker. */
@Configuration(proxyBeanMethods = false)
class SearchIndexConfiguration {

	@Bean
	Reranker reranker(SearchSettings settings) {
		var rerank = settings.rerank();
		if (rerank.provider().equals("none")) {
			return new NoReranker();
		}
		if (rerank.url() == null) {
			throw new IllegalStateException("kc.search.rerank.provider=http needs kc.search.rerank.url");
		}
		return new HttpReranker(rerank.url(), rerank.format(), rerank.model(), rerank.apiKey(), rerank.timeout());
	}

	@Bean(destroyMethod = "close")
	SearchIndex searchIndex(SearchSettings settings, PlatformSettings platform) {
		return switch (settings.engine()) {
			case "opensearch" -> new OpenSearchIndex(settings.opensearch(), settings.refreshInterval());
			case "lucene" -> new LuceneSearchIndex(settings.luceneDirectory() != null ? settings.luceneDirectory()
					: platform.dataDir().resolve("index"), settings.vectorEncoding().equals("int8"),
					settings.luceneMatchCache());
			default -> throw new IllegalStateException("unknown kc.search.engine " + settings.engine());
		};
	}

}
