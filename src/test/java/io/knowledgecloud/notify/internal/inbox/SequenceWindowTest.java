package io.knowledgecloud.notify.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Sequence numbers that commit out of order are each passed on once, and a gap is waited for, then skipped. */
class SequenceWindowTest {

	private final Instant t0 = Instant.parse("2026-11-22T00:00:00Z");

	@Test
	void waitsForAGapThenSkipsIt() {
		var window = new SequenceWindow(Duration.ofSeconds(10));
		window.startAfter(5);
		assertThat(window.firstSight(6)).isTrue();
		assertThat(window.firstSight(8)).isTrue();
		window.advance(t0);
		assertThat(window.floor()).isEqualTo(6); // 7 may still commit

		assertThat(window.firstSight(8)).isFalse();
		assertThat(window.firstSight(7)).isTrue(); // it did
		window.advance(t0.plusSeconds(1));
		assertThat(window.floor()).isEqualTo(8);

		assertThat(window.firstSight(10)).isTrue();
		window.advance(t0.plusSeconds(2));
		assertThat(window.floor()).isEqualTo(8);
		window.advance(t0.plusSeconds(13)); // 9 was rolled back
		assertThat(window.floor()).isEqualTo(10);
		assertThat(window.firstSight(4)).isFalse();
	}

	@Test
	void stoppingForgetsThePosition() {
		var window = new SequenceWindow(Duration.ofSeconds(10));
		window.startAfter(3);
		window.firstSight(4);
		window.stop();
		assertThat(window.started()).isFalse();
	}
}
