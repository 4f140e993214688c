package io.knowledgecloud.search.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search configuration ({@code kc.search.*}).
 *
 * @param engine {@code lucene} (embedded, default); {@code opensearch} comes with the search issue
 * @param luceneDirectory where Lucene indexes live; default {@code <data-dir>/index}
 * @param refreshInterval how often near-real-time readers pick up new writes
 */
@Validated
@ConfigurationProperties("kc.search")
public record SearchSettings(@DefaultValue("lucene") String engine, @Nullable Path luceneDirectory,
		@DefaultValue("1s") Duration refreshInterval) {
}
