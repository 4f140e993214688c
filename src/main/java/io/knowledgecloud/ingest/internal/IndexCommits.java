package io.knowledgecloud.ingest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.BackgroundService;
import io.knowledgecloud.search.Indexing;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit of the index for ingestion (ADR 38). A worker writes a document's chunks without
 * committing and hands its completion here; at most once per {@code kc.ingest.commit-interval}
 * one commit makes every write so far durable and searchable, and only then do the completions
 * run (job DONE, {@code DocumentIndexed} published). So nothing is reported indexed before it is
 * durable, and a crash before the commit leaves the jobs RUNNING: their leases run out and they
 * are indexed again (a replace, so never twice). One commit per interval instead of one per
 * document: on SciFact a commit per document was the largest single cost of a worker.
 */
@Component
class IndexCommits extends BackgroundService {

	/** Work to run once the writes before it are committed. */
	@FunctionalInterface
	interface Completion {
		void run();
	}

	private static final Logger log = LoggerFactory.getLogger(IndexCommits.class);

	private final Runnable commit;
	private final ConcurrentLinkedQueue<Completion> pending = new ConcurrentLinkedQueue<>();
	private final DistributionSummary batch;

	@org.springframework.beans.factory.annotation.Autowired
	IndexCommits(Indexing indexing, IngestSettings settings, MeterRegistry meters) {
		this(indexing::commit, settings.commitInterval(), meters);
	}

	IndexCommits(Runnable commit, Duration interval, MeterRegistry meters) {
		super("ingest-commit", interval, Duration.ofSeconds(10));
		this.commit = commit;
		this.batch = DistributionSummary.builder("kc.ingest.commit.documents")
			.description("Documents made durable by one index commit")
			.register(meters);
	}

	/** Runs {@code completion} after the next commit (within one commit interval). */
	void afterCommit(Completion completion) {
		pending.add(completion);
	}

	/** Commits now and runs the completions waiting for it; returns how many ran. */
	int flush() {
		List<Completion> due = new ArrayList<>();
		for (Completion c = pending.poll(); c != null; c = pending.poll()) {
			due.add(c);
		}
		if (due.isEmpty()) {
			return 0;
		}
		try {
			commit.run();
		}
		catch (RuntimeException e) {
			// not durable yet: nothing is reported, and the next round commits again (the writes stay
			// in the writer); should the process die first, the jobs' leases run out and they run again
			log.warn("Index commit failed; {} documents wait for the next one: {}", due.size(), e.toString());
			pending.addAll(due);
			return 0;
		}
		batch.record(due.size());
		for (Completion c : due) {
			try {
				c.run();
			}
			catch (RuntimeException e) {
				// the job stays RUNNING and is retried when its lease runs out; the index write is idempotent
				log.warn("Completing an indexed document failed: {}", e.toString());
			}
		}
		return due.size();
	}

	@Override
	protected boolean round() {
		flush();
		return false; // wait one interval (or until stopped) before the next commit
	}

	/** After the workers (lower phase): commits what they left, so a clean shutdown loses no work. */
	@Override
	protected void stopped() {
		flush();
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}
}
