package io.knowledgecloud.jobs.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Starts the workers once the application is ready (migrations ran, every handler exists) and
 * stops them first on shutdown, waiting up to {@code kc.jobs.shutdown-wait} for running jobs;
 * a job still running then is picked up again by another replica once its heartbeat is stale.
 */
@Component
class SchedulerLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

	private final Scheduler scheduler;
	private final JobsSettings settings;
	private final JobMetrics metrics;
	private volatile boolean running;

	SchedulerLifecycle(Scheduler scheduler, JobsSettings settings, JobMetrics metrics) {
		this.scheduler = scheduler;
		this.settings = settings;
		this.metrics = metrics;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		metrics.register();
		if (settings.enabled() && !running) {
			scheduler.start();
			running = true;
			log.info("Job workers started ({} threads)", settings.threads());
		}
	}

	@Override
	public void start() {
		// started on ApplicationReadyEvent, not with the context
	}

	@Override
	public void stop() {
		if (running) {
			running = false;
			scheduler.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
