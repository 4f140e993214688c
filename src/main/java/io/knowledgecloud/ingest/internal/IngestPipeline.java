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
	private final Chunker chunker;
	private final Fingerprints fingerprints;
	private final IndexedGenerations placements;

	IngestPipeline(IngestJobs jobs, DocumentContents contents, Embeddings embeddings, EmbeddingCache cache,
			Indexing indexing, ApplicationEventPublisher events, TransactionTemplate tx, IngestSettings settings,
			MeterRegistry meters, Fingerprints fingerprints, IndexedGenerations placements) {
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
		this.chunker = new Chunker(embeddings::countTokens, ChunkingSettings.DEFAULTS);
	}

	void run(IngestJob job, String worker) {
		var documentId = new DocumentId(job.documentId());
		Map<String, Object> timings = new LinkedHashMap<>();
		try {
			stage(job, "extract");
			long t0 = System.nanoTime();
			ExtractedDocument extracted;
			try (InputStream in = contents.open(job.blobKey())) {
				extracted = normalizer.normalize(extractor.extract(in, job.mediaType(), ExtractionLimits.DEFAULTS));
			}
			timings.put("extract_ms", millis(t0, "extract"));
			timings.put("characters", extracted.text().length());

			stage(job, "chunk");
			long t1 = System.nanoTime();
			List<Chunk> chunks = chunker.chunk(extracted);
			timings.put("chunk_ms", millis(t1, "chunk"));
			timings.put("chunks", chunks.size());
			timings.put("tokens", chunks.stream().mapToInt(Chunk::tokenCount).sum());

			stage(job, "embed");
			long t2 = System.nanoTime();
			List<float[]> vectors = embed(chunks);
			timings.put("embed_ms", millis(t2, "embed"));

			stage(job, "index");
			long t3 = System.nanoTime();
			String generation = indexing.generationFor(embeddings.modelId());
			if (!jobs.stillOwned(job.id(), worker)) {
				log.info("Job {} was cancelled or taken over; not indexing", job.id());
				return;
			}
			// the access list may have changed while we worked: index with the current one, and if it
			// changes again during the write, apply it afterwards (never leave a stale ACL behind)
			IngestJob current = jobs.reload(job.id());
			indexing.replace(generation, job.workspaceId(), job.documentId(),
					indexed(current, extracted, chunks, vectors));
			IngestJob after = jobs.reload(job.id());
			if (!sameMetadata(current, after)) {
				indexing.updateMetadata(generation, after.workspaceId(), after.documentId(), after.title(), after.tags(),
						after.collection(), after.allowedUsers());
			}
			timings.put("index_ms", millis(t3, "index"));
			if (!jobs.stillOwned(job.id(), worker)) {
				// deleted while we indexed: take the chunks out again
				indexing.remove(generation, job.workspaceId(), job.documentId());
				return;
			}
			String json = json(timings);
			long simhash = SimHash.of(extracted.text());
			tx.executeWithoutResult(status -> {
				DocumentId nearDuplicate = fingerprints
					.recordAndFindNearDuplicate(job.workspaceId(), job.documentId(), simhash)
					.map(DocumentId::new)
					.orElse(null);
				jobs.done(job.id());
				placements.record(job.documentId(), generation, job.workspaceId(), job.version());
				events.publishEvent(new IngestionEvents.DocumentIndexed(job.workspaceId(), documentId, job.version(),
						chunks.size(), json, nearDuplicate, Instant.now(), job.runId() != null));
			});
		}
		catch (ExtractionFailed e) {
			fail(job, e.code(), e.getMessage());
		}
		catch (EmbeddingFailed e) {
			retryOrFail(job, e.retryable(), "embedding_failed", e.getMessage());
		}
		catch (IOException | RuntimeException e) {
			log.warn("Ingestion of document {} v{} failed (attempt {})", job.documentId(), job.version(),
					job.attempts(), e);
			retryOrFail(job, true, "ingest_failed", "Ingestion failed: " + e.getClass().getSimpleName());
		}
	}

	private List<float[]> embed(List<Chunk> chunks) {
		String model = embeddings.modelId();
		Map<String, float[]> known = cache.find(model, chunks.stream().map(Chunk::contentHash).distinct().toList());
		List<Chunk> missing = chunks.stream().filter(c -> !known.containsKey(c.contentHash())).toList();
		meters.counter("kc.ingest.embedding.cache", "result", "hit").increment(chunks.size() - missing.size());
		meters.counter("kc.ingest.embedding.cache", "result", "miss").increment(missing.size());
		if (!missing.isEmpty()) {
			List<float[]> fresh = embeddings.embedDocuments(missing.stream().map(Chunk::text).toList());
			for (int i = 0; i < missing.size(); i++) {
				known.put(missing.get(i).contentHash(), fresh.get(i));
				cache.put(model, missing.get(i).contentHash(), fresh.get(i));
			}
		}
		return chunks.stream().map(c -> known.get(c.contentHash())).toList();
	}

	private List<IndexedChunk> indexed(IngestJob job, ExtractedDocument doc, List<Chunk> chunks, List<float[]> vectors) {
		List<IndexedChunk> out = new ArrayList<>(chunks.size());
		Instant now = Instant.now();
		for (int i = 0; i < chunks.size(); i++) {
			Chunk c = chunks.get(i);
			UUID chunkId = UUID.nameUUIDFromBytes((job.documentId() + ":" + job.version() + ":" + c.ordinal())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.add(new IndexedChunk(chunkId, job.workspaceId(), job.documentId(), job.version(), c.ordinal(),
					job.title(), c.headingPath(), c.page(),
					c.startOffset(), c.endOffset(), c.text(), c.contentHash(), vectors.get(i), embeddings.modelId(),
					job.tags(), job.collection(), job.mediaType(), now, job.allowedUsers()));
		}
		return out;
	}

	private static boolean sameMetadata(IngestJob a, IngestJob b) {
		return a.title().equals(b.title()) && a.tags().equals(b.tags())
				&& java.util.Objects.equals(a.collection(), b.collection()) && a.allowedUsers().equals(b.allowedUsers());
	}

	private void stage(IngestJob job, String stage) {
		tx.executeWithoutResult(status -> {
			jobs.stage(job.id(), stage, settings.lease());
			events.publishEvent(new IngestionEvents.StageStarted(job.workspaceId(), new DocumentId(job.documentId()),
					job.version(), stage, Instant.now(), job.runId() != null));
		});
	}

	private void retryOrFail(IngestJob job, boolean retryable, String code, String message) {
		if (retryable && job.attempts() < settings.maxAttempts()) {
			long base = settings.backoff().toMillis() * (1L << Math.min(job.attempts() - 1, 10));
			Duration delay = Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
			jobs.retryLater(job.id(), delay, message);
			return;
		}
		fail(job, code, message);
	}

	private void fail(IngestJob job, String code, String message) {
		meters.counter("kc.ingest.failures", "code", code).increment();
		tx.executeWithoutResult(status -> {
			jobs.failed(job.id(), code + ": " + message);
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
