package io.knowledgecloud.ingest.internal;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ingestion configuration ({@code kc.ingest.*}).
 *
 * @param workers worker threads per replica (0 disables ingestion on this replica, e.g. an api-only role; -1 means
 *                one per available processor)
 * @param lease how long a claimed job stays claimed after its replica's last heartbeat (three beats per lease)
 *              before another worker may take it: about how long a killed replica's jobs wait (at least 1 s)
 * @param maxAttempts attempts before a transiently failing job is marked FAILED
 * @param backoff base delay of the exponential retry backoff (with jitter)
 * @param pollInterval how often idle workers look for work
 * @param commitInterval how often the index is committed for the documents written since (group commit):
 *                       the longest a finished document waits before it is durable, searchable and INDEXED
 * @param chunkMaxTokens the largest chunk, in the embedding model's tokens (capped at the model's window)
 * @param chunkOverlapTokens how much of a chunk's end the next one repeats (at most half of {@code chunkMaxTokens})
 * @param stageReportAfter a stage after the first is reported (status and event) only when the previous report is
 *                         at least this old or the stage's work is large; 0 reports every stage
 * @param embedContext embed each chunk with the document's title and its heading path in front (the
 *                     index keeps the chunk's own text); see {@link ChunkContext}
 */
@Validated
@ConfigurationProperties("kc.ingest")
public record IngestSettings(@DefaultValue("-1") @Min(-1) @Max(64) int workers, @DefaultValue("30s") @DurationMin(seconds = 1) Duration lease,
		@DefaultValue("5") @Min(1) int maxAttempts, @DefaultValue("2s") Duration backoff,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("500ms") Duration commitInterval,
		@DefaultValue("250ms") Duration stageReportAfter, @DefaultValue("400") @Min(50) @Max(8192) int chunkMaxTokens,
		@DefaultValue("50") @Min(0) int chunkOverlapTokens, @DefaultValue("true") boolean embedContext) {

	public IngestSettings {
		if (chunkOverlapTokens > chunkMaxTokens / 2) {
			throw new IllegalArgumentException("kc.ingest.chunk-overlap-tokens (" + chunkOverlapTokens
					+ ") must be at most half of kc.ingest.chunk-max-tokens (" + chunkMaxTokens + ")");
		}
	}

	/** {@link #workers()}, with -1 resolved to the number of available processors. */
	int workerThreads() {
		return workers < 0 ? Runtime.getRuntime().availableProcessors() : workers;
	}
}
