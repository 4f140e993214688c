package io.knowledgecloud.ingest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.BackgroundLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Worker threads that claim ingestion jobs from the database and run them. Any number of
 * replicas can run workers; claims are leases that a heartbeat renews while the replica lives,
 * so a killed replica's jobs are picked up again one lease after its last beat.
 */
@Component
class IngestWorkers implements SmartLifecycle {

	private final IngestJobs jobs;
	private final IngestPipeline pipeline;
	private final IngestSettings settings;
	private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
	/** One loop per worker thread: claim a job and run it, or idle until woken or the poll interval ends. */
	private final List<BackgroundLoop> loops = new ArrayList<>();
	/** Renews the leases of all jobs this replica holds, three times per lease. */
	private final BackgroundLoop heartbeat;

	IngestWorkers(IngestJobs jobs, IngestPipeline pipeline, IngestSettings settings, MeterRegistry meters) {
		this.jobs = jobs;
		this.pipeline = pipeline;
		this.settings = settings;
		for (int i = 0; i < settings.workerThreads(); i++) {
			String worker = name + "-" + i;
			loops.add(new BackgroundLoop("ingest-" + i, settings.pollInterval(), () -> round(worker)));
		}
		heartbeat = new BackgroundLoop("ingest-heartbeat", settings.lease().dividedBy(3), () -> {
			jobs.renewAllHeldBy(name, settings.lease());
			return false;
		});
		Gauge.builder("kc.ingest.backlog", jobs, IngestJobs::backlog)
			.description("Ingestion jobs queued or running")
			.register(meters);
	}

	void wake() {
		loops.forEach(BackgroundLoop::wake);
	}

	/**
	 * Runs one claimed job; a failure to claim (the database briefly away) is logged by the loop,
	 * which tries again after the poll interval.
	 */
	private boolean round(String worker) {
		var job = jobs.claim(worker, settings.lease());
		job.ifPresent(j -> pipeline.run(j, worker));
		return job.isPresent();
	}

	/** The prefix of this replica's worker names (each worker is {@code name-i}). */
	String name() {
		return name;
	}

	@Override
	public void start() {
		if (!loops.isEmpty()) {
			heartbeat.start();
		}
		loops.forEach(BackgroundLoop::start);
	}

	/** The workers first: the heartbeat keeps their leases while they finish their rounds. */
	@Override
	public void stop() {
		BackgroundLoop.stopAll(loops, Duration.ofSeconds(10));
		heartbeat.stop(Duration.ofSeconds(1));
	}

	@Override
	public boolean isRunning() {
		return loops.stream().anyMatch(BackgroundLoop::isRunning) || heartbeat.isRunning();
	}
}
