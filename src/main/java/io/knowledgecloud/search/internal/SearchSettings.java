package io.knowledgecloud.search.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Search configuration ({@code kc.search.*}).
 *
 * @param engine {@code lucene} (embedded, default) or {@code opensearch}
 * @param luceneDirectory where Lucene indexes live; default {@code <data-dir>/index}
 * @param luceneMatchCache memory for chunks the Lucene index has read from its stored fields, so a
 *     chunk found again is not decompressed again ({@code 0} turns it off)
 * @param refreshInterval how often near-real-time readers pick up new writes
 * @param vectorEncoding {@code float32} (default) or {@code int8} (scalar-quantised HNSW vectors)
 * @param fusion default hybrid fusion, {@code rrf} or {@code weighted}; workspaces may override
 * @param rrfK the k of reciprocal rank fusion
 * @param keywordWeight share of the keyword score in weighted fusion (vector gets 1 − it), and
 *     the keyword list's weight in RRF (vector gets 1 − it, both doubled so 0.5 is plain RRF)
 * @param titleBoost BM25 weight of the title field relative to the text
 * @param headingBoost BM25 weight of the heading path relative to the text
 * @param candidates how many chunks each mode contributes before fusion, collapse and paging
 * @param vectorSearchK how many neighbours the HNSW search explores before the best
 *     {@code candidates} are kept (more = closer to exact)
 * @param maxQueryLength longest query text accepted, in characters
 * @param cache the query cache
 * @param rerank the optional re-ranking service
 * @param opensearch the OpenSearch connection when {@code engine=opensearch}
 */
@Validated
@ConfigurationProperties("kc.search")
public record SearchSettings(@DefaultValue("lucene") @Pattern(regexp = "lucene|opensearch") String engine,
		@Nullable Path luceneDirectory, @DefaultValue("32MB") DataSize luceneMatchCache,
		@DefaultValue("1s") Duration refreshInterval,
		@DefaultValue("float32") @Pattern(regexp = "float32|int8") String vectorEncoding,
		@DefaultValue("rrf") @Pattern(regexp = "rrf|weighted") String fusion,
		@DefaultValue("20") @Min(1) @Max(1000) int rrfK,
		@DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double keywordWeight,
		@DefaultValue("0.5") @DecimalMin("0") float titleBoost, @DefaultValue("0.5") @DecimalMin("0") float headingBoost,
		@DefaultValue("100") @Min(10) @Max(1000) int candidates,
		@DefaultValue("300") @Min(10) @Max(5000) int vectorSearchK,
		@DefaultValue("1000") @Min(1) @Max(100000) int maxQueryLength, @Valid @DefaultValue Cache cache,
		@Valid @DefaultValue Rerank rerank, @Valid @DefaultValue OpenSearch opensearch) {

	/**
	 * @param enabled whether answers are cached
	 * @param maximumSize most cached result lists
	 * @param ttl how long a cached list lives (writes to the workspace invalidate it at once on
	 *     this node)
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") @Min(1) long maximumSize,
			@DefaultValue("60s") Duration ttl) {
	}

	/**
	 * @param provider {@code none} (keep the fused order) or {@code http}
	 * @param url the {@code /rerank} endpoint
	 * @param format {@code cohere} ({@code documents}, {@code top_n}; answers {@code results[]}
	 *     with {@code relevance_score}; also Jina) or {@code tei} ({@code texts}; answers a list of
	 *     {@code {index, score}})
	 * @param model model name sent to the service, if any
	 * @param apiKey bearer token, if any
	 * @param topN how many fused candidates are re-ranked
	 * @param timeout request timeout; on failure or timeout the fused order is kept
	 */
	public record Rerank(@DefaultValue("none") @Pattern(regexp = "none|http") String provider, @Nullable URI url,
			@DefaultValue("cohere") @Pattern(regexp = "cohere|tei") String format, @Nullable String model,
			@Nullable String apiKey, @DefaultValue("50") @Min(1) @Max(1000) int topN,
			@DefaultValue("2s") Duration timeout) {
	}

	/**
	 * @param urls node URLs
	 * @param username basic-auth user, if any
	 * @param password basic-auth password, if any
	 * @param indexPrefix prefix of index and alias names
	 * @param shards primary shards per index
	 * @param replicas replicas per shard
	 */
	public record OpenSearch(@DefaultValue("http://localhost:9200") List<URI> urls, @Nullable String username,
			@Nullable String password, @DefaultValue("kc-chunks") String indexPrefix,
			@DefaultValue("1") @Min(1) int shards, @DefaultValue("0") @Min(0) int replicas) {
	}
}
