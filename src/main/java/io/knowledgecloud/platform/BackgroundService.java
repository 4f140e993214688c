package io.knowledgecloud.platform;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A bean whose work is one {@link BackgroundLoop}, started and stopped with the application
 * context: the pollers of queues and event logs extend it, so start, stop and wake-up behave the
 * same everywhere and a subclass writes only its round and what to release when it stops.
 */
public abstract class BackgroundService implements SmartLifecycle {

	private final BackgroundLoop loop;
	private final Duration stopWait;

	/**
	 * @param name the thread's name
	 * @param idle how long the loop waits after a round that found nothing (or failed)
	 * @param stopWait how long {@link #stop()} waits for the round in progress
	 */
	protected BackgroundService(String name, Duration idle, Duration stopWait) {
		this.loop = new BackgroundLoop(name, idle, this::round);
		this.stopWait = stopWait;
	}

	/** One round of work; see {@link BackgroundLoop.Round#run()}. */
	protected abstract boolean round() throws InterruptedException;

	/** Runs after the loop has stopped: release what the rounds hold (streams, work in flight). */
	protected void stopped() {
	}

	/** Ends the loop's idle wait now (new work arrived on this replica). */
	public void wake() {
		loop.wake();
	}

	/** True on the loop's thread while the service runs: long rounds check it between steps. */
	protected boolean shouldContinue() {
		return loop.shouldContinue();
	}

	@Override
	public void start() {
		loop.start();
	}

	@Override
	public void stop() {
		loop.stop(stopWait);
		stopped();
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}
}
