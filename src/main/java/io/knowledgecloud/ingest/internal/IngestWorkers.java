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
 * replicas can run workers; claims are leases, so a killed worker's job is picked up again.
 */
@Component
class IngestWorkers implements SmartLifecycle {

	private final IngestJobs jobs;
	private final IngestPipeline pipeline;
	private final IngestSettings settings;
	private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
	/** One loop per worker thread: claim a job and run it, or idle until woken or the poll interval ends. */
	private final List<BackgroundLoop> loops = new ArrayList<>();

	IngestWorkers(IngestJobs jobs, IngestPipeline pipeline, IngestSettings settings, MeterRegistry meters) {
		this.jobs = jobs;
		this.pipeline = pipeline;
		this.settings = settings;
		for (int i = 0; i < settings.workerThreads(); i++) {
			String worker = name + "-" + i;
			loops.add(new BackgroundLoop("ingest-" + i, settings.pollInterval(), () -> round(worker)));
		}
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

	@Override
	public void start() {
		loops.forEach(BackgroundLoop::start);
	}

	@Override
	public void stop() {
		BackgroundLoop.stopAll(loops, Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return loops.stream().anyMatch(BackgroundLoop::isRunning);
	}
}
