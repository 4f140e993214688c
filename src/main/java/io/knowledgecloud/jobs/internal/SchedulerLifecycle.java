package io.knowledgecloud.jobs.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Starts the workers once the application is ready (migrations ran, every handler exists) and
 * stops them first on shutdown, waiting up to {@code kc.jobs.shutdown-wait} for running jobs;
 * a job still running then is picked up again by another replica once its heartbeat is stale.
 *
 * <p>A db-scheduler {@link Scheduler} cannot start again once stopped, so a stop that is not the
 * context closing (a pause or restart of the context, which Spring's test framework does to
 * cached contexts) only pauses polling, and the next start resumes it. Stopping it there left the
 * workers of a restarted context dead: jobs were queued and never picked up.
 */
@Component
class SchedulerLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

	private final Scheduler scheduler;
	private final JobsSettings settings;
	private final JobMetrics metrics;
	private final ApplicationContext context;
	private volatile boolean started;
	private volatile boolean running;
	private volatile boolean closing;

	SchedulerLifecycle(Scheduler scheduler, JobsSettings settings, JobMetrics metrics, ApplicationContext context) {
		this.scheduler = scheduler;
		this.settings = settings;
		this.metrics = metrics;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		metrics.register();
		if (settings.enabled() && !started) {
			scheduler.start();
			started = true;
			running = true;
			log.info("Job workers started ({} threads)", settings.threads());
		}
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		// a child context's close event reaches this one too; only our own close is final
		if (event.getApplicationContext() != context) {
			return;
		}
		closing = true;
		if (started && !running) {
			// paused: the lifecycle processor skips stopped beans, so shut the workers down here
			started = false;
			scheduler.stop();
		}
	}

	@Override
	public void start() {
		// the first start happens on ApplicationReadyEvent; later ones resume a paused scheduler
		if (started && !running && !closing) {
			scheduler.resume();
			running = true;
			log.info("Job workers resumed");
		}
	}

	@Override
	public void stop() {
		if (!running) {
			return;
		}
		running = false;
		if (closing) {
			started = false;
			scheduler.stop();
		}
		else {
			scheduler.pause();
			log.info("Job workers paused");
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
