package io.knowledgecloud.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named daemon thread that runs a round of work again and again while it is started: after a
 * round that found nothing it waits for {@link #wake()} or the idle interval, after a round that
 * did work it goes on at once, and after a failure it logs and waits. The pollers of queues and
 * event logs (imports, webhook deliveries, live streams) share it, so start, stop and wake-up
 * behave alike everywhere.
 *
 * <p>Restartable: {@link #stop} and {@link #start} may alternate (a Spring context pause and
 * restart does exactly that). Every start makes a new thread, and a thread runs only while it is
 * the loop's current one, so a slow old thread that wakes after a restart ends instead of polling
 * next to the new one.
 */
public final class BackgroundLoop {

	/** One round of work. */
	@FunctionalInterface
	public interface Round {

		/**
		 * @return true when there is probably more to do right away, false to idle until woken
		 */
		boolean run() throws InterruptedException;
	}

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;
	private final Duration idle;
	private final Round round;
	private final Semaphore wake = new Semaphore(0);
	private volatile @Nullable Thread current;

	public BackgroundLoop(String name, Duration idle, Round round) {
		this.name = name;
		this.idle = idle;
		this.round = round;
	}

	public synchronized void start() {
		if (current == null) {
			Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
			current = thread;
			thread.start();
		}
	}

	/** Ends the loop and waits up to {@code wait} for the round in progress to finish. */
	public void stop(Duration wait) {
		await(halt(), wait);
	}

	/**
	 * Ends all {@code loops} at once, then waits up to {@code wait} for each one's round in
	 * progress: none goes on claiming work while another is being waited for.
	 */
	public static void stopAll(java.util.Collection<BackgroundLoop> loops, Duration wait) {
		java.util.List<@Nullable Thread> threads = loops.stream().map(BackgroundLoop::halt).toList();
		threads.forEach(thread -> await(thread, wait));
	}

	private @Nullable Thread halt() {
		Thread thread;
		synchronized (this) {
			thread = current;
			current = null;
		}
		wake.release();
		return thread;
	}

	private static void await(@Nullable Thread thread, Duration wait) {
		if (thread != null && thread != Thread.currentThread()) {
			try {
				thread.join(wait);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public boolean isRunning() {
		return current != null;
	}

	/** True on the loop's own thread while the loop has not been stopped: long rounds check it. */
	public boolean shouldContinue() {
		return current == Thread.currentThread();
	}

	/** Ends the current idle wait now. */
	public void wake() {
		wake.release();
	}

	private void loop() {
		try {
			rounds();
		}
		catch (Throwable e) {
			log.error("{} stopped: {}", name, e.toString(), e);
		}
		finally {
			// a thread that ended on its own (interrupt, Error) must not leave the loop looking started
			synchronized (this) {
				if (current == Thread.currentThread()) {
					current = null;
				}
			}
		}
	}

	private void rounds() {
		while (shouldContinue()) {
			try {
				if (!round.run() && shouldContinue()) {
					wake.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
					wake.drainPermits();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				log.warn("{} failed; retrying in about {}: {}", name, idle, e.toString());
				try {
					backOff();
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * After a failure: the idle interval plus up to half of it again at random (replicas that failed
	 * together do not retry together), in full: a {@link #wake()} meanwhile does not cut it short,
	 * only {@link #stop} does.
	 */
	private void backOff() throws InterruptedException {
		long deadline = System.nanoTime() + idle.toNanos()
				+ java.util.concurrent.ThreadLocalRandom.current().nextLong(idle.toNanos() / 2 + 1);
		for (long left = deadline - System.nanoTime(); left > 0 && shouldContinue(); left = deadline - System.nanoTime()) {
			wake.tryAcquire(left, TimeUnit.NANOSECONDS);
		}
		wake.drainPermits();
	}
}
