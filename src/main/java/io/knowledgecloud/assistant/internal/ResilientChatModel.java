package io.knowledgecloud.assistant.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatModel;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A remote chat model behind Resilience4j: a bulkhead (calls in flight on this node), then retries
 * of retryable failures with exponential backoff or the provider's {@code Retry-After}, each
 * attempt through the provider's circuit breaker. One deadline ({@code kc.assistant.timeout})
 * covers the whole call: no retry starts that could not finish in time. A stream is retried only
 * until its first token reached the listener. Every failure is a {@link ChatModelFailed}; an open
 * circuit or a full bulkhead fails at once (retryable), so the caller can answer another way.
 */
final class ResilientChatModel implements ChatModel, AutoCloseable {

	static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
	static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
	/** An attempt with less time than this left is not worth starting. */
	static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

	private static final Logger log = LoggerFactory.getLogger(ResilientChatModel.class);

	private final RemoteChatModel delegate;
	private final Duration timeout;
	private final int maxRetries;
	private final CircuitBreakerRegistry breakers;
	private final RetryRegistry retries;
	private final BulkheadRegistry bulkheads;
	private final CircuitBreaker breaker;
	private final Retry retry;
	private final Bulkhead bulkhead;

	ResilientChatModel(RemoteChatModel delegate, Duration timeout, int maxRetries, int maxConcurrentCalls) {
		this(delegate, timeout, maxRetries, maxConcurrentCalls, breakerConfig(Duration.ofSeconds(30)));
	}

	ResilientChatModel(RemoteChatModel delegate, Duration timeout, int maxRetries, int maxConcurrentCalls,
			CircuitBreakerConfig breakerConfig) {
		this.delegate = delegate;
		this.timeout = timeout;
		this.maxRetries = maxRetries;
		this.breakers = CircuitBreakerRegistry.of(breakerConfig);
		this.retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(maxRetries + 1)
			.retryOnException(e -> e instanceof WaitThenRetry)
			.intervalBiFunction((attempt, outcome) -> outcome.isLeft() && outcome.getLeft() instanceof WaitThenRetry w
					? w.wait.toMillis() : FIRST_BACKOFF.toMillis())
			.build());
		// a full bulkhead fails at once: waiting for a slot would hold request threads for a provider that is slow
		this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(maxConcurrentCalls)
			.maxWaitDuration(Duration.ZERO)
			.build());
		this.breaker = breakers.circuitBreaker(delegate.id());
		this.retry = retries.retry(delegate.id());
		this.bulkhead = bulkheads.bulkhead(delegate.id());
		retry.getEventPublisher()
			.onRetry(e -> log.info("chat provider {}: attempt {} failed ({}); retrying in {} ms", delegate.id(),
					e.getNumberOfRetryAttempts(), e.getLastThrowable().getMessage(), e.getWaitInterval().toMillis()));
		breaker.getEventPublisher()
			.onStateTransition(e -> log.warn("chat provider {}: circuit breaker {}", delegate.id(),
					e.getStateTransition()));
	}

	/**
	 * Opens when at least half of the last 10 attempts (5 at least) failed retryably, stays open
	 * for {@code open}, then lets 2 trial calls through. Failures that are the request's fault
	 * (HTTP 400, 401, ...) do not count against the provider.
	 */
	static CircuitBreakerConfig breakerConfig(Duration open) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(10)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(open)
			.permittedNumberOfCallsInHalfOpenState(2)
			.recordException(e -> e instanceof ChatModelFailed f && f.retryable())
			.ignoreException(e -> !(e instanceof ChatModelFailed f) || !f.retryable())
			.build();
	}

	/** Publishes the circuit breaker's, retry's and bulkhead's metrics ({@code resilience4j_*}). */
	void bindMetrics(MeterRegistry meters) {
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
	}

	CircuitBreaker.State circuit() {
		return breaker.getState();
	}

	@Override
	public String id() {
		return delegate.id();
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		Deadline deadline = Deadline.after(timeout);
		return call(() -> delegate.chat(request, deadline), deadline, () -> false);
	}

	@Override
	public void stream(ChatRequest request, ChatListener listener) {
		Deadline deadline = Deadline.after(timeout);
		AtomicBoolean delivered = new AtomicBoolean();
		ChatListener tracking = new ChatListener() {
			@Override
			public void requestSent() {
				listener.requestSent();
			}

			@Override
			public void token(String text) {
				delivered.set(true);
				listener.token(text);
			}

			@Override
			public void complete(ChatResponse response) {
				listener.complete(response);
			}
		};
		call(() -> {
			delegate.stream(request, tracking, deadline);
			return null;
		}, deadline, delivered::get);
	}

	private <T> T call(Supplier<T> call, Deadline deadline, BooleanSupplier delivered) {
		AtomicInteger attempts = new AtomicInteger();
		Supplier<T> attempt = () -> {
			int n = attempts.incrementAndGet();
			try {
				return breaker.executeSupplier(call);
			}
			catch (CallNotPermittedException ex) {
				throw new ChatModelFailed("The chat provider (" + delegate.id() + ") failed repeatedly; its circuit "
						+ "breaker is open, so it is not called for a while.", 0, true, ex);
			}
			catch (ChatModelFailed ex) {
				if (!ex.retryable() || delivered.getAsBoolean() || n > maxRetries) {
					throw ex;
				}
				Duration wait = waitBefore(n + 1, ex.retryAfter());
				if (deadline.remaining().compareTo(wait.plus(MIN_ATTEMPT)) < 0) {
					throw ex;
				}
				throw new WaitThenRetry(ex, wait);
			}
		};
		try {
			return bulkhead.executeSupplier(Retry.decorateSupplier(retry, attempt));
		}
		catch (WaitThenRetry ex) {
			throw ex.failure;
		}
		catch (BulkheadFullException ex) {
			throw new ChatModelFailed("The chat provider (" + delegate.id() + ") has " + bulkhead.getBulkheadConfig()
				.getMaxConcurrentCalls() + " calls in flight already (kc.assistant.max-concurrent-calls).", 0, true, ex);
		}
	}

	/** The provider's {@code Retry-After} (capped), else 250 ms doubling per attempt, with ±50 % jitter. */
	static Duration waitBefore(int attempt, @Nullable Duration retryAfter) {
		if (retryAfter != null) {
			return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
		}
		long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 2, 10);
		return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
	}

	@Override
	public void close() {
		delegate.close();
	}

	/**
	 * A retryable failure with the wait chosen for it: Resilience4j retries only these, after
	 * {@link #wait}; when the retries run out the failure itself is thrown.
	 */
	private static final class WaitThenRetry extends RuntimeException {

		final ChatModelFailed failure;
		final Duration wait;

		WaitThenRetry(ChatModelFailed failure, Duration wait) {
			super(failure.getMessage(), failure, false, false);
			this.failure = failure;
			this.wait = wait;
		}
	}
}
