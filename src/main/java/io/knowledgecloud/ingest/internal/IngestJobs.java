package io.knowledgecloud.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.document.DocumentStored;
import io.knowledgecloud.document.IndexableDocument;

/**
 * The durable ingestion queue, table {@code ingest_jobs}. Workers claim with a conditional
 * update and hold a lease; a job whose lease ran out (its worker died, e.g. {@code kill -9}) is
 * claimable again, so every job finishes exactly once as far as its effects are concerned
 * (indexing replaces a document's chunks atomically).
 */
@Repository
class IngestJobs {

	private static final String SEP = "\u001f";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final TransactionTemplate tx;
	private final boolean skipLocked;

	IngestJobs(JdbcClient jdbc, Clock clock, TransactionTemplate tx, javax.sql.DataSource dataSource) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.tx = tx;
		this.skipLocked = postgres(dataSource);
	}

	private static boolean postgres(javax.sql.DataSource dataSource) {
		try (java.sql.Connection c = dataSource.getConnection()) {
			return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException("Cannot tell which database this is", e);
		}
	}

	/** Enqueues the version; false when it was already queued (the event was delivered twice). */
	boolean enqueue(DocumentStored event) {
		long seq = queuedIn(event.workspaceId());
		try {
			insert(event.documentId().value() + ":" + event.version(), null, event.workspaceId(),
					event.documentId().value(), event.version(), event.blobKey(), event.mediaType(), event.title(),
					event.tags(), event.collection(), event.allowedUsers(), seq);
			return true;
		}
		catch (DuplicateKeyException alreadyQueued) {
			return false;
		}
	}

	/**
	 * Enqueues the current versions of {@code documents} for reindex run {@code runId}, each
	 * workspace's after its queue so far (fairness), in one transaction with the run.
	 */
	void enqueue(UUID runId, List<IndexableDocument> documents) {
		java.util.Map<UUID, Long> next = new java.util.HashMap<>();
		for (IndexableDocument d : documents) {
			long seq = next.merge(d.workspaceId(), 0L, (a, b) -> a + 1);
			if (seq == 0) {
				seq = queuedIn(d.workspaceId());
				next.put(d.workspaceId(), seq);
			}
			insert(runId + ":" + d.documentId().value(), runId, d.workspaceId(), d.documentId().value(), d.version(),
					d.blobKey(), d.mediaType(), d.title(), d.tags(), d.collection(), d.allowedUsers(), seq);
		}
	}

	private long queuedIn(UUID workspaceId) {
		return jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE workspace_id = ? AND state IN ('QUEUED', 'RUNNING')")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	private void insert(String dedupeKey, @Nullable UUID runId, UUID workspaceId, UUID documentId, int version,
			String blobKey, String mediaType, String title, List<String> tags, @Nullable String collection,
			Set<UUID> allowedUsers, long seq) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO ingest_jobs (id, dedupe_key, run_id, workspace_id, document_id, version, blob_key, media_type,
				  title, tags, collection, allowed_users, state, fair_seq, next_attempt_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), dedupeKey, runId, workspaceId, documentId, version, blobKey, mediaType, title,
					String.join(SEP, tags), collection,
					allowedUsers.stream().map(UUID::toString).collect(Collectors.joining(",")), seq,
					Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Counts of a run's jobs by state. */
	java.util.Map<String, Long> progress(UUID runId) {
		java.util.Map<String, Long> counts = new java.util.HashMap<>();
		jdbc.sql("SELECT state, COUNT(*) FROM ingest_jobs WHERE run_id = ? GROUP BY state")
			.param(runId)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** The first errors of a run's failed jobs. */
	List<String> errors(UUID runId, int limit) {
		return jdbc.sql("SELECT CAST(document_id AS VARCHAR(36)) || ': ' || COALESCE(last_error, '') FROM ingest_jobs "
				+ "WHERE run_id = ? AND state = 'FAILED' ORDER BY updated_at LIMIT ?")
			.params(runId, limit)
			.query(String.class)
			.list();
	}

	/**
	 * Claims the next ready job for {@code worker}, fairly across workspaces, with a lease. On
	 * PostgreSQL the candidate row is locked with {@code FOR UPDATE SKIP LOCKED}, so the workers of
	 * all replicas take different rows instead of racing for one. H2 accepts the syntax but applies
	 * {@code LIMIT} before skipping (a second worker would see no row at all while the first holds
	 * its lock), so there the candidate is read plainly; on both, the conditional update is what
	 * makes the claim correct, and a lost race is retried.
	 */
	Optional<IngestJob> claim(String worker, Duration lease) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Claim result = tx.execute(status -> claimOnce(worker, lease));
			if (result == null || result.none()) {
				return Optional.empty();
			}
			if (result.id() != null) {
				return Optional.of(load(result.id()));
			}
		}
		return Optional.empty();
	}

	/** One claim attempt: nothing ready ({@code none}), the row claimed ({@code id}), or lost to another worker. */
	private record Claim(boolean none, @Nullable UUID id) {
	}

	private Claim claimOnce(String worker, Duration lease) {
		Instant now = clock.instant();
		// Two queries, each reading the (state, fair_seq, created_at) index in order and stopping at its
		// first row; one query with "QUEUED ... OR RUNNING ..." made H2 scan the whole table, done jobs
		// included, for every claim, so a bulk import claimed in quadratic time (ADR 20, update of 2026-12-05).
		Optional<Candidate> candidate = Stream.of(candidate("state = 'QUEUED' AND next_attempt_at <= :now", now),
				candidate("state = 'RUNNING' AND locked_until < :now", now))
			.flatMap(Optional::stream)
			.min(Comparator.comparingLong(Candidate::fairSeq).thenComparing(Candidate::createdAt));
		if (candidate.isEmpty()) {
			return new Claim(true, null);
		}
		int claimed = jdbc.sql("""
				UPDATE ingest_jobs SET state = 'RUNNING', locked_by = :worker, locked_until = :until, attempts = attempts + 1,
				  updated_at = :now
				WHERE id = :id AND ((state = 'QUEUED' AND next_attempt_at <= :now) OR (state = 'RUNNING' AND locked_until < :now))""")
			.param("worker", worker)
			.param("until", Timestamp.from(now.plus(lease)))
			.param("now", Timestamp.from(now))
			.param("id", candidate.get().id())
			.update();
		return new Claim(false, claimed == 1 ? candidate.get().id() : null);
	}

	private record Candidate(UUID id, long fairSeq, Instant createdAt) {
	}

	/** The first job in queue order that matches {@code condition} (a condition on {@code state} first). */
	private Optional<Candidate> candidate(String condition, Instant now) {
		return jdbc.sql("SELECT id, fair_seq, created_at FROM ingest_jobs WHERE " + condition
				+ " ORDER BY state, fair_seq, created_at LIMIT 1" + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}

	void stage(UUID id, String stage) {
		jdbc.sql("UPDATE ingest_jobs SET stage = ?, updated_at = ? WHERE id = ?")
			.params(stage, Timestamp.from(clock.instant()), id)
			.update();
	}

	/**
	 * Extends the lease of every running job held by a worker whose name starts with
	 * {@code workerPrefix}: the replica's heartbeat, the only thing that renews leases, so a stage
	 * longer than the lease is not taken over while the replica lives, and a dead replica's jobs
	 * are free again one lease after its last beat.
	 */
	void renewAllHeldBy(String workerPrefix, Duration lease) {
		jdbc.sql("UPDATE ingest_jobs SET locked_until = ? WHERE state = 'RUNNING' AND locked_by LIKE ?")
			.params(Timestamp.from(clock.instant().plus(lease)), workerPrefix + "-%")
			.update();
	}

	/**
	 * Marks the job DONE if it is still {@code worker}'s: false when it was cancelled or another
	 * worker took it over after the lease ran out (that one reports it, so the result is reported once).
	 */
	boolean done(UUID id, String worker) {
		return jdbc.sql("UPDATE ingest_jobs SET state = 'DONE', locked_by = NULL, locked_until = NULL, updated_at = ? "
				+ "WHERE id = ? AND state = 'RUNNING' AND locked_by = ?")
			.params(Timestamp.from(clock.instant()), id, worker)
			.update() == 1;
	}

	/** Whether the job was cancelled (its document deleted). */
	boolean cancelled(UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE id = ? AND state = 'CANCELLED'")
			.param(id)
			.query(Long.class)
			.single() > 0;
	}

	/** Marks the job FAILED if it is still {@code worker}'s; false otherwise (see {@link #done}). */
	boolean failed(UUID id, String worker, String error) {
		return jdbc.sql("UPDATE ingest_jobs SET state = 'FAILED', last_error = ?, locked_by = NULL, locked_until = NULL, "
				+ "updated_at = ? WHERE id = ? AND state = 'RUNNING' AND locked_by = ?")
			.params(truncate(error), Timestamp.from(clock.instant()), id, worker)
			.update() == 1;
	}

	/** Queues the job again after {@code delay} if it is still {@code worker}'s. */
	void retryLater(UUID id, String worker, Duration delay, String error) {
		jdbc.sql("UPDATE ingest_jobs SET state = 'QUEUED', next_attempt_at = ?, last_error = ?, locked_by = NULL, "
				+ "locked_until = NULL, updated_at = ? WHERE id = ? AND state = 'RUNNING' AND locked_by = ?")
			.params(Timestamp.from(clock.instant().plus(delay)), truncate(error), Timestamp.from(clock.instant()), id,
					worker)
			.update();
	}

	/** Cancels the document's unfinished jobs (it was deleted); a running worker notices before indexing. */
	void cancel(UUID documentId) {
		jdbc.sql("UPDATE ingest_jobs SET state = 'CANCELLED', locked_by = NULL, locked_until = NULL, updated_at = ? "
				+ "WHERE document_id = ? AND state IN ('QUEUED', 'RUNNING')")
			.params(Timestamp.from(clock.instant()), documentId)
			.update();
	}

	/** Deletes every job row of the document (it was purged). */
	void forget(UUID documentId) {
		jdbc.sql("DELETE FROM ingest_jobs WHERE document_id = ?").param(documentId).update();
	}

	/** Keeps unfinished jobs' copy of the search metadata current (title, tags, collection, ACL). */
	void updateMetadata(UUID documentId, String title, java.util.List<String> tags, @Nullable String collection,
			Set<UUID> allowedUsers) {
		jdbc.sql("UPDATE ingest_jobs SET title = ?, tags = ?, collection = ?, allowed_users = ?, updated_at = ? "
				+ "WHERE document_id = ? AND state IN ('QUEUED', 'RUNNING')")
			.params(title, String.join(SEP, tags), collection,
					allowedUsers.stream().map(UUID::toString).collect(Collectors.joining(",")),
					Timestamp.from(clock.instant()), documentId)
			.update();
	}

	/** The job as stored now (metadata may have changed since it was claimed). */
	IngestJob reload(UUID id) {
		return load(id);
	}

	/** Whether the job is still this worker's to finish (not cancelled, not taken over after a lost lease). */
	boolean stillOwned(UUID id, String worker) {
		return jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE id = ? AND state = 'RUNNING' AND locked_by = ?")
			.params(id, worker)
			.query(Long.class)
			.single() > 0;
	}

	/** Jobs waiting or running: the backlog gauge. */
	long backlog() {
		return jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE state IN ('QUEUED', 'RUNNING')")
			.query(Long.class)
			.single();
	}

	private IngestJob load(UUID id) {
		return jdbc.sql("SELECT * FROM ingest_jobs WHERE id = ?").param(id).query((rs, n) -> {
			String tags = rs.getString("tags");
			String users = rs.getString("allowed_users");
			return new IngestJob(id, rs.getObject("workspace_id", UUID.class), rs.getObject("document_id", UUID.class),
					rs.getInt("version"), rs.getString("blob_key"), rs.getString("media_type"), rs.getString("title"),
					tags.isEmpty() ? List.of() : Arrays.asList(tags.split(SEP)), rs.getString("collection"),
					users.isEmpty() ? Set.of()
							: Arrays.stream(users.split(",")).map(UUID::fromString).collect(Collectors.toSet()),
					rs.getInt("attempts"), rs.getObject("run_id", UUID.class));
		}).single();
	}

	private static @Nullable String truncate(@Nullable String s) {
		return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
	}
}
