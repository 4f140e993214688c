package io.knowledgecloud.search.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.search.spi.Reranker;


/** Creates the configured index adapter. */
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
	LuceneSearchIndex searchIndex(SearchSettings settings, PlatformSettings platform) {
		if (!settings.engine().equals("lucene")) {
			throw new IllegalStateException("kc.search.engine=" + settings.engine()
					+ " is not available yet; only 'lucene' is implemented");
		}
		return new LuceneSearchIndex(settings.luceneDirectory() != null ? settings.luceneDirectory()
				: platform.dataDir().resolve("index"), settings.vectorEncoding().equals("int8"));
	}

}
