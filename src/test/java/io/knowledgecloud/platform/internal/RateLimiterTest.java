package io.knowledgecloud.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-process limiter: a greedy per-minute bucket per key. */
class RateLimiterTest {

	private final RateLimiter limiter = new RateLimiter.InMemory();

	@Test
	void allowsTheLimitThenRefusesWithARetryTime() {
		for (int i = 0; i < 3; i++) {
			RateLimiter.Verdict verdict = limiter.tryConsume("ip:1", 3);
			assertThat(verdict.allowed()).isTrue();
			assertThat(verdict.remaining()).isEqualTo(2 - i);
		}
		RateLimiter.Verdict refused = limiter.tryConsume("ip:1", 3);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
	}

	@Test
	void keysAreIndependent() {
		limiter.tryConsume("a", 1);
		assertThat(limiter.tryConsume("a", 1).allowed()).isFalse();
		assertThat(limiter.tryConsume("b", 1).allowed()).isTrue();
	}
}
