package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentPurged;
import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.ClusterLocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The retention job: drops versions beyond {@code kc.documents.versions-kept}, purges documents
 * deleted longer than {@code kc.documents.deleted-retention} ago, and deletes blobs nothing refers
 * to any more. One replica at a time (a {@link ClusterLocks} lease); every step is idempotent, so
 * a run that dies half-way is simply finished by the next one.
 */
@Component
public class DocumentPurge {

	/** What one run removed; {@code ran} is false when another replica was running one. */
	public record Report(boolean ran, int versions, int documents, int blobs) {
		static final Report SKIPPED = new Report(false, 0, 0, 0);
	}

	/**
	 * A blob that lost its last reference is deleted only this much later: an upload of the same
	 * content may have found it present a moment ago and not committed its version row yet.
	 */
	static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

	/** How long status changes stay replayable for {@code Last-Event-ID}. */
	static final Duration EVENTS_KEPT = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(DocumentPurge.class);
	private static final String LOCK = "document-purge";
	private static final int BATCH = 200;

	private final Retention retention;
	private final BlobStore blobs;
	private final ClusterLocks locks;
	private final TransactionTemplate tx;
	private final ApplicationEventPublisher events;
	private final DocumentSettings settings;
	private final MeterRegistry meters;
	private final Clock clock;
	private final UploadLinks uploads;
	private final UserDirectory users;
	private final DocumentEventLog eventLog;

	DocumentPurge(Retention retention, BlobStore blobs, ClusterLocks locks, TransactionTemplate tx,
			ApplicationEventPublisher events, DocumentSettings settings, MeterRegistry meters, Clock clock,
			UploadLinks uploads, UserDirectory users, DocumentEventLog eventLog) {
		this.eventLog = eventLog;
		this.uploads = uploads;
		this.users = users;
		this.retention = retention;
		this.blobs = blobs;
		this.locks = locks;
		this.tx = tx;
		this.events = events;
		this.settings = settings;
		this.meters = meters;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${kc.documents.purge-interval:PT1H}",
			initialDelayString = "${kc.documents.purge-interval:PT1H}")
	void scheduled() {
		try {
			Report report = run(clock.instant());
			if (report.ran() && report.versions() + report.documents() + report.blobs() > 0) {
				log.info("Purged {} old versions, {} deleted documents, {} blobs", report.versions(),
						report.documents(), report.blobs());
			}
		}
		catch (RuntimeException e) {
			log.warn("Document purge failed; the next run continues: {}", e.toString());
		}
	}

	/** Runs the purge now, for an operator ({@code kc.identity.admin-emails}). */
	public Report runNow(CurrentUser caller) {
		if (!users.isSystemAdmin(caller)) {
			throw new SystemAdminsOnly();
		}
		return run(clock.instant());
	}

	/** One run as of {@code now}; skipped while another replica runs one. */
	Report run(Instant now) {
		if (!locks.tryAcquire(LOCK, Duration.ofMinutes(30))) {
			return Report.SKIPPED;
		}
		Timer.Sample sample = Timer.start(meters);
		try {
			int versions = trimVersions(now);
			int documents = purgeDeleted(now);
			int blobs = deleteOrphans(now);
			uploads.forgetExpired(now.minus(Duration.ofDays(1)));
			eventLog.deleteBefore(now.minus(EVENTS_KEPT));
			count("versions", versions);
			count("documents", documents);
			count("blobs", blobs);
			return new Report(true, versions, documents, blobs);
		}
		finally {
			sample.stop(meters.timer("kc.documents.purge"));
			locks.release(LOCK);
		}
	}

	/** Drops one document's versions beyond the limit (called after a new version, in its transaction). */
	void trimVersions(DocumentId id, Instant now) {
		for (Retention.VersionRef v : retention.versionsBeyond(settings.versionsKept(), id.value(), Integer.MAX_VALUE)) {
			retention.deleteVersion(v);
			retention.orphanCandidates(List.of(v.blobKey()), now);
		}
	}

	private int trimVersions(Instant now) {
		int total = 0;
		List<Retention.VersionRef> batch;
		do {
			batch = retention.versionsBeyond(settings.versionsKept(), null, BATCH);
			List<Retention.VersionRef> rows = batch;
			tx.executeWithoutResult(status -> {
				rows.forEach(retention::deleteVersion);
				retention.orphanCandidates(rows.stream().map(Retention.VersionRef::blobKey).distinct().toList(), now);
			});
			total += batch.size();
		}
		while (batch.size() == BATCH);
		return total;
	}

	private int purgeDeleted(Instant now) {
		int total = 0;
		List<Retention.Deleted> batch;
		do {
			batch = retention.deletedBefore(now.minus(settings.deletedRetention()), BATCH);
			for (Retention.Deleted d : batch) {
				Boolean purged = tx.execute(status -> {
					retention.orphanCandidates(retention.blobKeys(d.id()), now);
					if (retention.purgeDocument(d.id()) == 0) {
						return false;
					}
					events.publishEvent(new DocumentPurged(d.workspaceId(), new DocumentId(d.id())));
					return true;
				});
				total += Boolean.TRUE.equals(purged) ? 1 : 0;
			}
		}
		while (batch.size() == BATCH);
		return total;
	}

	private int deleteOrphans(Instant now) {
		int deleted = 0;
		boolean failed = false;
		List<String> batch;
		do {
			batch = retention.orphanCandidatesBefore(now.minus(ORPHAN_GRACE), BATCH);
			for (String key : batch) {
				if (!retention.referenced(key)) {
					try {
						blobs.delete(key);
						deleted++;
					}
					catch (IOException e) {
						log.warn("Cannot delete blob {} (the next run retries): {}", key, e.toString());
						failed = true; // it stays a candidate; stop here rather than read it again and again
						continue;
					}
				}
				retention.forgetCandidate(key);
			}
		}
		while (batch.size() == BATCH && !failed);
		return deleted;
	}

	private void count(String what, int n) {
		meters.counter("kc.documents.purged", "what", what).increment(n);
	}

	/** Only operators of the installation may run maintenance jobs by hand. */
	static final class SystemAdminsOnly extends KnowledgeCloudException {
		SystemAdminsOnly() {
			super(org.springframework.http.HttpStatus.FORBIDDEN, "system_admins_only",
					"Only administrators of this installation (kc.identity.admin-emails) may do this.");
		}
	}
}
