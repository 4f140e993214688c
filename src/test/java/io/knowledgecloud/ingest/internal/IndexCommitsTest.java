package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Group commit: completions run only after a commit that covers their writes, each once. */
class IndexCommitsTest {

	private final List<String> log = new ArrayList<>();
	private final AtomicInteger failuresLeft = new AtomicInteger();
	private final IndexCommits commits = new IndexCommits(() -> {
		if (failuresLeft.getAndDecrement() > 0) {
			log.add("commit failed");
			throw new IllegalStateException("disk full");
		}
		log.add("commit");
	}, Duration.ofHours(1), new SimpleMeterRegistry());

	@Test
	void oneCommitThenEveryWaitingCompletionInOrder() {
		commits.afterCommit(() -> log.add("a"));
		commits.afterCommit(() -> log.add("b"));

		assertThat(commits.flush()).isEqualTo(2);
		assertThat(log).containsExactly("commit", "a", "b");
	}

	@Test
	void nothingWaitingNoCommit() {
		assertThat(commits.flush()).isZero();
		assertThat(log).isEmpty();
	}

	@Test
	void aFailedCommitReportsNothingAndTheNextCommitCompletesThem() {
		failuresLeft.set(1);
		commits.afterCommit(() -> log.add("a"));

		assertThat(commits.flush()).isZero();
		assertThat(log).containsExactly("commit failed");

		assertThat(commits.flush()).isEqualTo(1);
		assertThat(log).containsExactly("commit failed", "commit", "a");
		assertThat(commits.flush()).isZero();
	}

	@Test
	void aFailingCompletionDoesNotStopTheOthers() {
		commits.afterCommit(() -> {
			throw new IllegalStateException("database gone");
		});
		commits.afterCommit(() -> log.add("b"));

		commits.flush();

		assertThat(log).containsExactly("commit", "b");
	}

	@Test
	void stoppingCommitsWhatIsLeft() {
		commits.start();
		commits.afterCommit(() -> log.add("a"));

		commits.stop();

		assertThat(log).containsExactly("commit", "a");
	}
}
