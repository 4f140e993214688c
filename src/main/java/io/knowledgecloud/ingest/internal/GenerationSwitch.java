package io.knowledgecloud.ingest.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.document.DocumentCatalog;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.IndexableDocument;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.platform.ClusterLocks;
import io.knowledgecloud.search.Indexing;

/**
 * Follows a change of the embedding model ({@code kc.embedding.*}), whose vectors live in their
 * own generation {@code g1-<model>} (ADR 41). At start-up and every 30 s, on one replica at a
 * time: the documents indexed in another generation but not in the current one are queued once,
 * as a reindex run of scope {@code model}, in the background, while search keeps reading the
 * generation it read before (with that model's query vectors where this server can run it, by
 * keyword otherwise). When the run has no job left, search switches to the current generation in
 * one statement ({@link Indexing#activate}); the check after that drops the other generations,
 * once every replica reads the new one.
 */
@Component
class GenerationSwitch {

	private static final Logger log = LoggerFactory.getLogger(GenerationSwitch.class);
	private static final String LOCK = "ingest-generation-switch";
	private static final int MAX_DOCUMENTS = 1_000_000;

	private final IndexedGenerations placements;
	private final ReindexRuns runs;
	private final Reindexing reindexing;
	private final DocumentCatalog catalog;
	private final Indexing indexing;
	private final Embeddings embeddings;
	private final ClusterLocks locks;
	private final TransactionTemplate tx;

	GenerationSwitch(IndexedGenerations placements, ReindexRuns runs, Reindexing reindexing, DocumentCatalog catalog,
			Indexing indexing, Embeddings embeddings, ClusterLocks locks, TransactionTemplate tx) {
		this.placements = placements;
		this.runs = runs;
		this.reindexing = reindexing;
		this.catalog = catalog;
		this.indexing = indexing;
		this.embeddings = embeddings;
		this.locks = locks;
		this.tx = tx;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartUp() {
		Thread.ofVirtual().name("generation-switch").start(this::checkQuietly);
	}

	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
	void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException e) {
			log.warn("Checking the index generation failed; retrying in 30 s: {}", e.toString());
		}
	}

	/** One step; false when another replica (or thread) holds the lock. */
	boolean check() {
		if (!locks.tryAcquire(LOCK, Duration.ofMinutes(10))) {
			return false;
		}
		try {
			String model = embeddings.modelId();
			String current = indexing.generationFor(model);
			placements.adopt(current);
			// the generation search reads: read once, as nothing in between changes it
			String searched = indexing.activated().map(Indexing.Generation::name).orElse(null);
			Optional<ReindexRuns.Run> run = runs.modelRun(current).filter(r -> r.finishedAt() == null);
			if (run.isPresent()) {
				Reindexing.Progress progress = reindexing.progress(run.get());
				if (!progress.finished()) {
					return true;
				}
				runs.finish(run.get().id());
				log.info("Re-embedded {} documents into generation {} ({} failed, {} deleted meanwhile)",
						progress.done(), current, progress.failed(), progress.cancelled());
			}
			else {
				// documents that failed in a finished run are not missing any more: their old rows went
				// with the old generation, so this never loops
				List<IndexedGenerations.Missing> missing = placements.missing(current, MAX_DOCUMENTS);
				if (!missing.isEmpty()) {
					if (searched == null) {
						keepReadingThePrevious(current, missing.getFirst());
					}
					start(current, missing);
					return true;
				}
			}
			// every document is in the current generation now
			if (!current.equals(searched)) {
				indexing.activate(current, model);
				log.info("Search reads generation {} from now on{}", current,
						searched == null ? "" : " (it read " + searched + ")");
				return true; // the previous generations go at the next check, when every replica reads this one
			}
			for (String old : placements.others(current)) {
				indexing.dropGeneration(old);
				placements.dropGeneration(old);
				log.info("Dropped index generation {}; the current one is {}", old, current);
			}
			return true;
		}
		finally {
			locks.release(LOCK);
		}
	}

	/**
	 * No generation was recorded as searched yet (an installation from before this was kept) and
	 * the documents are in an older generation: that one stays searched during the re-embedding,
	 * with the model its chunks say they were embedded with.
	 */
	private void keepReadingThePrevious(String current, IndexedGenerations.Missing example) {
		for (String old : placements.others(current)) {
			List<io.knowledgecloud.search.spi.IndexedChunk> chunks = indexing.chunks(old, example.workspaceId(),
					example.documentId());
			if (!chunks.isEmpty()) {
				indexing.activate(old, chunks.getFirst().modelId());
				log.info("Search keeps reading generation {} ({}) until the documents are re-embedded into {}", old,
						chunks.getFirst().modelId(), current);
				return;
			}
		}
	}

	private void start(String current, List<IndexedGenerations.Missing> missing) {
		List<IndexableDocument> live = new java.util.ArrayList<>();
		for (int from = 0; from < missing.size(); from += 1000) {
			live.addAll(catalog.live(missing.subList(from, Math.min(missing.size(), from + 1000)).stream()
				.map(m -> new DocumentId(m.documentId()))
				.toList()));
		}
		tx.executeWithoutResult(status -> {
			ReindexRuns.Run run = reindexing.start(null, null, ReindexRuns.Scope.MODEL, live, null);
			log.info("The embedding model changed: re-embedding {} documents into generation {} (run {})", live.size(),
					current, run.id());
		});
	}
}
