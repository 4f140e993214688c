package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

	@Test
	void aRoundWithMoreWorkRunsAgainAtOnceAndAnIdleOneWaitsForAWakeUp() throws Exception {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch fiveBusy = new CountDownLatch(5);
		CountDownLatch woken = new CountDownLatch(6);
		var loop = new BackgroundLoop("test-loop", Duration.ofHours(1), () -> {
			int n = rounds.incrementAndGet();
			fiveBusy.countDown();
			woken.countDown();
			return n < 5; // four rounds with more work, then idle
		});
		loop.start();
		try {
			assertThat(fiveBusy.await(5, TimeUnit.SECONDS)).isTrue();
			Thread.sleep(200);
			assertThat(rounds.get()).isEqualTo(5); // idle for an hour unless woken
			loop.wake();
			loop.wake();
			assertThat(woken.await(5, TimeUnit.SECONDS)).as("a wake-up ends the idle wait").isTrue();
			Thread.sleep(200);
			// the wake-ups that came during the round are not lost, but do not pile up either
			assertThat(rounds.get()).isBetween(6, 7);
		}
		finally {
			loop.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void aLoopWhoseThreadDiedOfAnErrorIsNotRunningAndStartsAgain() throws Exception {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch secondThread = new CountDownLatch(2);
		var loop = new BackgroundLoop("test-error", Duration.ofHours(1), () -> {
			secondThread.countDown();
			if (rounds.incrementAndGet() == 1) {
				throw new StackOverflowError("simulated");
			}
			return false;
		});
		loop.start();
		try {
			for (int i = 0; i < 100 && loop.isRunning(); i++) {
				Thread.sleep(20);
			}
			assertThat(loop.isRunning()).as("the thread is gone, so the loop must not look started").isFalse();

			loop.start();
			assertThat(secondThread.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(loop.isRunning()).isTrue();
		}
		finally {
			loop.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void aFailingRoundIsLoggedAndTheLoopGoesOn() throws Exception {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch three = new CountDownLatch(3);
		var loop = new BackgroundLoop("test-failing", Duration.ofMillis(10), () -> {
			rounds.incrementAndGet();
			three.countDown();
			throw new IllegalStateException("database down");
		});
		loop.start();
		try {
			assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(loop.isRunning()).isTrue();
		}
		finally {
			loop.stop(Duration.ofSeconds(2));
		}
	}

	@Test
	void wakeUpsDoNotCutTheBackOffAfterAFailureShortButStopDoes() throws Exception {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch failed = new CountDownLatch(1);
		var loop = new BackgroundLoop("test-back-off", Duration.ofSeconds(30), () -> {
			rounds.incrementAndGet();
			failed.countDown();
			throw new IllegalStateException("database down");
		});
		loop.start();
		assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			loop.wake();
		}
		Thread.sleep(300);
		assertThat(rounds.get()).as("no retry before the back-off of at least 30 s ends").isEqualTo(1);
		long stopping = System.nanoTime();
		loop.stop(Duration.ofSeconds(5));
		assertThat(loop.isRunning()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("stop ends the back-off").isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void stopAllEndsEveryLoopBeforeWaitingForAny() throws Exception {
		CountDownLatch bothInRound = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger roundsAfterStop = new AtomicInteger();
		BackgroundLoop[] loops = new BackgroundLoop[2];
		for (int i = 0; i < 2; i++) {
			int n = i;
			loops[i] = new BackgroundLoop("test-stop-all-" + i, Duration.ofMillis(5), () -> {
				if (!loops[n].shouldContinue()) {
					roundsAfterStop.incrementAndGet();
				}
				bothInRound.countDown();
				release.await(); // the first round of each is slow: stopAll waits on the first loop
				return true; // more work: a loop still started would run again at once
			});
		}
		loops[0].start();
		loops[1].start();
		assertThat(bothInRound.await(5, TimeUnit.SECONDS)).isTrue();
		Thread stopper = Thread.ofPlatform().start(() -> BackgroundLoop.stopAll(java.util.List.of(loops), Duration.ofSeconds(5)));
		Thread.sleep(100);
		// both are stopped although stopAll is still waiting for the first one's round
		assertThat(loops[0].isRunning()).isFalse();
		assertThat(loops[1].isRunning()).isFalse();
		release.countDown();
		stopper.join(5000);
		assertThat(stopper.isAlive()).isFalse();
		assertThat(roundsAfterStop.get()).as("no round starts after stopAll").isZero();
	}

	@Test
	void afterStopAndStartOnlyTheNewThreadRuns() throws Exception {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		AtomicInteger afterStop = new AtomicInteger();
		CountDownLatch inRound = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		BackgroundLoop[] self = new BackgroundLoop[1];
		self[0] = new BackgroundLoop("test-restart", Duration.ofMillis(5), () -> {
			threads.add(Thread.currentThread());
			if (threads.size() == 1) {
				inRound.countDown();
				release.await(); // a slow round in progress while the loop is stopped and started
				if (!self[0].shouldContinue()) {
					afterStop.incrementAndGet();
				}
			}
			return false;
		});
		BackgroundLoop loop = self[0];
		loop.start();
		assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();
		Thread old = threads.iterator().next();
		loop.stop(Duration.ofMillis(50)); // does not wait for the slow round
		assertThat(loop.isRunning()).isFalse();
		loop.start();
		release.countDown();
		old.join(2000);
		assertThat(old.isAlive()).as("the old thread ends after its round").isFalse();
		assertThat(afterStop.get()).as("the old round saw that it should stop").isEqualTo(1);
		Thread.sleep(100);
		assertThat(threads).hasSize(2);
		assertThat(loop.isRunning()).isTrue();
		loop.stop(Duration.ofSeconds(2));
		threads.stream().filter(t -> t != old).forEach(t -> {
			try {
				t.join(2000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			assertThat(t.isAlive()).isFalse();
		});
	}
}
