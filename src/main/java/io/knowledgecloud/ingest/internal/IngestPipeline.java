package io.knowledgecloud.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.platform.SimHash;
import io.knowledgecloud.document.DocumentContents;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.embedding.EmbeddingFailed;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.search.Indexing;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs one job through extract → normalise → chunk → embed → index. Every stage is reported to
 * the document module; the final state change and its event commit together (outbox). Indexing
 * replaces the document's chunks atomically, so re-running a job after a crash is harmless.
 */
@Component
class IngestPipeline {

	private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
	/** Chunks embedded between two cache writes and lease renewals. */
	private static final int EMBED_SLICE = 64;

	private final IngestJobs jobs;
	private final DocumentContents contents;
	private final TikaExtractor extractor = new TikaExtractor();
	private final TextNormalizer normalizer = new TextNormalizer();
	private final Embeddings embeddings;
	private final EmbeddingCache cache;
	private final Indexing indexing;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate tx;
	private final IngestSettings settings;
	private final MeterRegistry meters;
	/** Made on first use: it asks the tokenizer, which would load the embedding model during start-up. */
	private volatile @Nullable Chunker chunker;
	private final Fingerprints fingerprints;
	private final IndexedGenerations placements;
	private final IndexCommits commits;

	IngestPipeline(IngestJobs jobs, DocumentContents contents, Embeddings embeddings, EmbeddingCache cache,
			Indexing indexing, ApplicationEventPublisher events, TransactionTemplate tx, IngestSettings settings,
			MeterRegistry meters, Fingerprints fingerprints, IndexedGenerations placements, IndexCommits commits) {
		this.commits = commits;
		this.placements = placements;
		this.jobs = jobs;
		this.contents = contents;
		this.embeddings = embeddings;
		this.cache = cache;
		this.indexing = indexing;
		this.events = events;
		this.tx = tx;
		this.settings = settings;
		this.meters = meters;
		this.fingerprints = fingerprints;
	}

	/** Builds the extractor's parser configuration and the chunker now instead of on the first document. */
	void warmUp() {
		extractor.warmUp();
		chunker();
	}

	private Chunker chunker() {
		Chunker made = chunker;
		if (made == null) {
			// never beyond the model's window: the model would cut the chunk
			made = new Chunker(embeddings::countTokens, new ChunkingSettings(
					Math.min(settings.chunkMaxTokens(), embeddings.maxTokens()), settings.chunkOverlapTokens()));
			chunker = made;
		}
		return made;
	}

	void run(IngestJob job, String worker) {
		var documentId = new DocumentId(job.documentId());
		Map<String, Object> timings = new LinkedHashMap<>();
		Progress progress = new Progress(job);
		try {
			progress.stage("extract", 0);
			long t0 = System.nanoTime();
			ExtractedDocument extracted;
			try (InputStream in = contents.open(job.blobKey())) {
				extracted = normalizer.normalize(extractor.extract(in, job.mediaType(), ExtractionLimits.DEFAULTS));
			}
			timings.put("extract_ms", millis(t0, "extract"));
			timings.put("characters", extracted.text().length());

			progress.stage("chunk", extracted.text().length() / 100_000);
			long t1 = System.nanoTime();
			List<Chunk> chunks = chunker().chunk(extracted);
			timings.put("chunk_ms", millis(t1, "chunk"));
			timings.put("chunks", chunks.size());
			timings.put("tokens", chunks.stream().mapToInt(Chunk::tokenCount).sum());

			progress.stage("embed", chunks.size() / 8);
			long t2 = System.nanoTime();
			List<float[]> vectors = embed(embeddings.modelId(), job.title(), chunks, progress);
			timings.put("embed_ms", millis(t2, "embed"));

			progress.stage("index", chunks.size() / 200);
			long t3 = System.nanoTime();
			String generation = indexing.generationFor(embeddings.modelId());
			if (!jobs.stillOwned(job.id(), worker)) {
				log.info("Job {} was cancelled or taken over; not indexing", job.id());
				return;
			}
			// the access list may have changed while we worked: index with the current one, and if it
			// changes again during the write, apply it afterwards (never leave a stale ACL behind)
			IngestJob current = jobs.reload(job.id());
			indexing.write(generation, job.workspaceId(), job.documentId(),
					indexed(current, extracted, chunks, vectors, embeddings.modelId()));
			String alsoIn = writeToSearchedGeneration(job, current, extracted, chunks, generation, progress);
			IngestJob after = jobs.reload(job.id());
			if (!sameMetadata(current, after)) {
				for (String written : alsoIn == null ? List.of(generation) : List.of(generation, alsoIn)) {
					indexing.updateMetadata(written, after.workspaceId(), after.documentId(), after.title(), after.tags(),
							after.collection(), after.allowedUsers());
				}
			}
			timings.put("index_ms", millis(t3, "index"));
			String json = json(timings);
			long simhash = SimHash.of(extracted.text());
			// DONE and DocumentIndexed only once the write is durable (group commit, ADR 38)
			String title = extracted.title();
			commits.afterCommit(() -> complete(job, worker, generation, alsoIn, chunks.size(), json, simhash, title));
		}
		catch (ExtractionFailed e) {
			fail(job, worker, e.code(), e.getMessage());
		}
		catch (EmbeddingFailed e) {
			retryOrFail(job, worker, e.retryable(), "embedding_failed", e.getMessage());
		}
		catch (IOException | RuntimeException e) {
			log.warn("Ingestion of document {} v{} failed (attempt {})", job.documentId(), job.version(),
					job.attempts(), e);
			retryOrFail(job, worker, true, "ingest_failed", "Ingestion failed: " + e.getClass().getSimpleName());
		}
	}

	/**
	 * After the commit that made the chunks durable: the job is DONE and the document INDEXED, in
	 * one transaction with the event. When the job is no longer this worker's (the document was
	 * deleted meanwhile, or the lease ran out and another worker took over) nothing is reported,
	 * and a deleted document's chunks are taken out again.
	 */
	private void complete(IngestJob job, String worker, String generation, @Nullable String alsoIn, int chunkCount,
			String timings, long simhash, @Nullable String extractedTitle) {
		boolean done = Boolean.TRUE.equals(tx.execute(status -> {
			if (!jobs.done(job.id(), worker)) {
				return false;
			}
			DocumentId nearDuplicate = fingerprints
				.recordAndFindNearDuplicate(job.workspaceId(), job.documentId(), simhash)
				.map(DocumentId::new)
				.orElse(null);
			placements.record(job.documentId(), generation, job.workspaceId(), job.version());
			if (alsoIn != null) {
				placements.record(job.documentId(), alsoIn, job.workspaceId(), job.version());
			}
			events.publishEvent(new IngestionEvents.DocumentIndexed(job.workspaceId(), new DocumentId(job.documentId()),
					job.version(), chunkCount, timings, nearDuplicate, Instant.now(), job.runId() != null, extractedTitle));
			return true;
		}));
		if (!done && jobs.cancelled(job.id())) {
			indexing.remove(generation, job.workspaceId(), job.documentId());
			if (alsoIn != null) {
				indexing.remove(alsoIn, job.workspaceId(), job.documentId());
			}
		}
	}

	/**
	 * While a switch of the embedding model re-embeds (ADR 41), search still reads the previous
	 * model's generation: an upload or a new version is written there too, so it is findable at once,
	 * with the previous model's vectors when this server can run that model, else without vectors
	 * (found by keyword until the switch completes). Reindex jobs write only to the current
	 * generation: they are what the switch is made of.
	 *
	 * @return the searched generation when it was written too, else {@code null}
	 */
	private @Nullable String writeToSearchedGeneration(IngestJob job, IngestJob current, ExtractedDocument extracted,
			List<Chunk> chunks, String generation, Progress progress) {
		Indexing.Generation searched = indexing.searched();
		if (job.runId() != null || searched.name().equals(generation)) {
			return null;
		}
		List<float[]> vectors = embeddings.canEmbedWith(searched.modelId())
				? embed(searched.modelId(), job.title(), chunks, progress)
				: chunks.stream().map(c -> new float[0]).toList();
		indexing.write(searched.name(), job.workspaceId(), job.documentId(),
				indexed(current, extracted, chunks, vectors, searched.modelId()));
		return searched.name();
	}

	/**
	 * Vectors from the cache where known, the rest embedded in slices: each slice is cached as
	 * soon as it is done, so a long document that is retried (or taken over) does not start its
	 * embedding from nothing. The lease is the replica heartbeat's ({@link IngestWorkers}).
	 * With {@code kc.ingest.embed-context} the model reads each chunk with the document's title and
	 * its heading path in front ({@link ChunkContext}); the cache is keyed by what the model read.
	 */
	private List<float[]> embed(String model, String title, List<Chunk> chunks, Progress progress) {
		List<ChunkContext.Input> inputs = chunks.stream()
			.map(c -> settings.embedContext() ? ChunkContext.of(title, c) : ChunkContext.bare(c))
			.toList();
		Map<String, float[]> known = cache.find(model, inputs.stream().map(ChunkContext.Input::key).distinct().toList());
		// what the cache lacks, once per key, in chunk order
		List<ChunkContext.Input> missing = new ArrayList<>(inputs.stream()
			.filter(i -> !known.containsKey(i.key()))
			.collect(java.util.stream.Collectors.toMap(ChunkContext.Input::key, i -> i, (a, b) -> a, LinkedHashMap::new))
			.values());
		meters.counter("kc.ingest.embedding.cache", "result", "hit").increment(chunks.size() - missing.size());
		meters.counter("kc.ingest.embedding.cache", "result", "miss").increment(missing.size());
		for (int from = 0; from < missing.size(); from += EMBED_SLICE) {
			List<ChunkContext.Input> slice = missing.subList(from, Math.min(missing.size(), from + EMBED_SLICE));
			List<float[]> fresh = embeddings.embedDocuments(model, slice.stream().map(ChunkContext.Input::text).toList());
			for (int i = 0; i < slice.size(); i++) {
				known.put(slice.get(i).key(), fresh.get(i));
				cache.put(model, slice.get(i).key(), fresh.get(i));
			}
		}
		return inputs.stream().map(i -> known.get(i.key())).toList();
	}

	private List<IndexedChunk> indexed(IngestJob job, ExtractedDocument doc, List<Chunk> chunks, List<float[]> vectors,
			String modelId) {
		List<IndexedChunk> out = new ArrayList<>(chunks.size());
		Instant now = Instant.now();
		for (int i = 0; i < chunks.size(); i++) {
			Chunk c = chunks.get(i);
			UUID chunkId = UUID.nameUUIDFromBytes((job.documentId() + ":" + job.version() + ":" + c.ordinal())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.add(new IndexedChunk(chunkId, job.workspaceId(), job.documentId(), job.version(), c.ordinal(),
					job.title(), c.headingPath(), c.page(),
					c.startOffset(), c.endOffset(), c.text(), c.tokenCount(), c.contentHash(), vectors.get(i), modelId,
					job.tags(), job.collection(), job.mediaType(), now, job.allowedUsers()));
		}
		return out;
	}

	private static boolean sameMetadata(IngestJob a, IngestJob b) {
		return a.title().equals(b.title()) && a.tags().equals(b.tags())
				&& java.util.Objects.equals(a.collection(), b.collection()) && a.allowedUsers().equals(b.allowedUsers());
	}

	/**
	 * Reports a job's stages to the document (status PROCESSING and the stage). The first stage is always reported; a later one only when it is worth seeing: at
	 * least {@code kc.ingest.stage-report-after} after the previous report, or when its work is large. A small
	 * document passes through all four stages in tens of milliseconds, and a report per stage
	 * (a transaction, an outbox event, a status update and a stream event) would cost more than
	 * the stages themselves.
	 */
	final class Progress {

		private final IngestJob job;
		private long reportedAt;

		Progress(IngestJob job) {
			this.job = job;
		}

		/** @param size how large the stage's work is; 1 or more means large enough to report anyway */
		void stage(String stage, int size) {
			long now = System.nanoTime();
			if (!worthReporting(reportedAt == 0, now - reportedAt, size, settings.stageReportAfter())) {
				return;
			}
			reportedAt = now;
			tx.executeWithoutResult(status -> {
				jobs.stage(job.id(), stage);
				events.publishEvent(new IngestionEvents.StageStarted(job.workspaceId(), new DocumentId(job.documentId()),
						job.version(), stage, Instant.now(), job.runId() != null));
			});
		}

		static boolean worthReporting(boolean first, long nanosSinceLast, int size, Duration after) {
			return first || size >= 1 || nanosSinceLast >= after.toNanos();
		}
	}

	private void retryOrFail(IngestJob job, String worker, boolean retryable, String code, String message) {
		if (retryable && job.attempts() < settings.maxAttempts()) {
			long base = settings.backoff().toMillis() * (1L << Math.min(job.attempts() - 1, 10));
			Duration delay = Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
			jobs.retryLater(job.id(), worker, delay, message);
			return;
		}
		fail(job, worker, code, message);
	}

	private void fail(IngestJob job, String worker, String code, String message) {
		meters.counter("kc.ingest.failures", "code", code).increment();
		tx.executeWithoutResult(status -> {
			if (!jobs.failed(job.id(), worker, code + ": " + message)) {
				return; // no longer ours: cancelled, or another worker has it now
			}
			events.publishEvent(new IngestionEvents.DocumentFailed(job.workspaceId(), new DocumentId(job.documentId()),
					job.version(), code, message, Instant.now(), job.runId() != null));
		});
	}

	private long millis(long start, String stage) {
		long nanos = System.nanoTime() - start;
		Timer.builder("kc.ingest.stage").tag("stage", stage).register(meters).record(Duration.ofNanos(nanos));
		return nanos / 1_000_000;
	}

	private static String json(Map<String, Object> values) {
		StringBuilder sb = new StringBuilder("{");
		values.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
		return sb.append('}').toString();
	}
}
