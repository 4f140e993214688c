package io.knowledgecloud.assistant.internal;

import java.time.Duration;

/** A point in time (on {@link System#nanoTime()}) by which a provider call, retries included, must end. */
record Deadline(long nanoTime) {

	static Deadline after(Duration timeout) {
		return new Deadline(System.nanoTime() + timeout.toNanos());
	}

	/** Time left; zero or negative once passed. */
	long remainingNanos() {
		return nanoTime - System.nanoTime();
	}

	Duration remaining() {
		return Duration.ofNanos(Math.max(0, remainingNanos()));
	}

	boolean passed() {
		return remainingNanos() <= 0;
	}
}
