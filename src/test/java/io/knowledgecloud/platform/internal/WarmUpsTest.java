package io.knowledgecloud.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.platform.WarmUp;

/** Warm-ups run in order after readiness; one that fails does not keep the others from running. */
class WarmUpsTest {

	private final List<String> ran = new ArrayList<>();

	@Test
	void runsEveryWarmUpInOrderEvenWhenOneFails() {
		WarmUps.runAll(List.of(recording("model"), failing("parser"), recording("detector")), false);

		assertThat(ran).containsExactly("model", "parser", "detector");
	}

	private WarmUp recording(String name) {
		return warmUp(name, false);
	}

	private WarmUp failing(String name) {
		return warmUp(name, true);
	}

	private WarmUp warmUp(String name, boolean fails) {
		return new WarmUp() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public void run() {
				ran.add(name);
				if (fails) {
					throw new IllegalStateException("no parsers today");
				}
			}
		};
	}
}
