package io.knowledgecloud.ingest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Worker threads that claim ingestion jobs from the database and run them. Any number of
 * replicas can run workers; claims are leases, so a killed worker's job is picked up again.
 */
@Component
class IngestWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IngestWorkers.class);

	private final IngestJobs jobs;
	private final IngestPipeline pipeline;
	private final IngestSettings settings;
	private final String name = "worker-" + UUID.randomUUID().toString().substring(0, 8);
	private final Semaphore signal = new Semaphore(0);
	private final List<Thread> threads = new ArrayList<>();
	private volatile boolean running;

	IngestWorkers(IngestJobs jobs, IngestPipeline pipeline, IngestSettings settings, MeterRegistry meters) {
		this.jobs = jobs;
		this.pipeline = pipeline;
		this.settings = settings;
		Gauge.builder("kc.ingest.backlog", jobs, IngestJobs::backlog)
			.description("Ingestion jobs queued or running")
			.register(meters);
	}

	void wakeUp() {
		signal.release(settings.workerThreads());
	}

	@Override
	public void start() {
		running = true;
		for (int i = 0; i < settings.workerThreads(); i++) {
			String threadName = name + "-" + i;
			threads.add(Thread.ofPlatform().name("ingest-" + i).daemon().start(() -> loop(threadName)));
		}
	}

	@Override
	public void stop() {
		running = false;
		signal.release(threads.size());
		for (Thread thread : threads) {
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop(String worker) {
		while (running) {
			try {
				var job = jobs.claim(worker, settings.lease());
				if (job.isPresent()) {
					pipeline.run(job.get(), worker);
					continue;
				}
				signal.drainPermits();
				signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				// the database may be briefly unavailable; back off and keep the worker alive
				log.warn("Ingestion worker {} failed to poll: {}", worker, e.toString());
				sleep(settings.pollInterval().toMillis() + ThreadLocalRandom.current().nextLong(500));
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
