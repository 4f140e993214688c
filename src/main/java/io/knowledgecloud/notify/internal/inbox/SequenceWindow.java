package io.knowledgecloud.notify.internal.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Which sequence numbers a poller has passed on. Identity values can commit out of order, so the
 * poller reads above {@link #floor()} (the highest number below which nothing is missing) and
 * remembers what it saw above it; a gap that stays open longer than {@code gapWait} (a rolled-back
 * insert) is skipped. Not thread-safe: the poller owns it.
 */
final class SequenceWindow {

	private final Duration gapWait;
	private final TreeSet<Long> seenAbove = new TreeSet<>();
	private long floor = -1;
	private @Nullable Instant gapSince;

	SequenceWindow(Duration gapWait) {
		this.gapWait = gapWait;
	}

	boolean started() {
		return floor >= 0;
	}

	void startAfter(long seq) {
		floor = seq;
	}

	/** Forgets everything: nobody listens, so the next listener starts at the end of the table. */
	void stop() {
		floor = -1;
		seenAbove.clear();
		gapSince = null;
	}

	long floor() {
		return floor;
	}

	/** True the first time {@code seq} is offered. */
	boolean firstSight(long seq) {
		return seq > floor && seenAbove.add(seq);
	}

	/** Moves the floor over the numbers seen without a gap, and over gaps older than {@code gapWait}. */
	void advance(Instant now) {
		while (!seenAbove.isEmpty()) {
			long lowest = seenAbove.first();
			if (lowest == floor + 1) {
				floor = seenAbove.pollFirst();
				gapSince = null;
				continue;
			}
			if (gapSince == null) {
				gapSince = now;
			}
			if (now.isBefore(gapSince.plus(gapWait))) {
				return;
			}
			floor = lowest - 1;
			gapSince = null;
		}
	}
}
