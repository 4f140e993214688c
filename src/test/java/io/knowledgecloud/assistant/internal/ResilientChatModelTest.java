package io.knowledgecloud.assistant.internal;

import static io.knowledgecloud.assistant.internal.ChatProviderServer.data;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.events;
import static io.knowledgecloud.assistant.internal.ChatProviderServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Retries, circuit breaker, bulkhead and the overall timeout, around real adapters and a local server. */
class ResilientChatModelTest {

	static final String ANSWER = "{\"choices\":[{\"message\":{\"content\":\"Tides come from the Moon. [1]\"},"
			+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}";

	private ChatProviderServer server;
	private ResilientChatModel model;

	@BeforeEach
	void start() throws Exception {
		server = new ChatProviderServer();
		model = openAi(Duration.ofSeconds(10), 2, 4);
	}

	@AfterEach
	void stop() {
		model.close();
		server.close();
	}

	private ResilientChatModel openAi(Duration timeout, int retries, int concurrent) {
		return new ResilientChatModel(new OpenAiChatModel(server.url("/v1"), "sk-x", timeout), timeout, retries,
				concurrent);
	}

	private static long since(long started) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	@Test
	void aRateLimitIsWaitedOutAsTheProviderAsksThenRetried() {
		server.reply(json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", "Retry-After", "1"), json(200, ANSWER));
		long started = System.nanoTime();

		ChatResponse answer = model.chat(OpenAiChatModelTest.question("What causes tides?"));

		assertThat(answer.content()).isEqualTo("Tides come from the Moon. [1]");
		assertThat(server.received()).hasSize(2);
		assertThat(since(started)).isBetween(1000L, 5000L);
		assertThat(model.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void serverErrorsAreRetriedWithBackoffUpToMaxRetries() {
		server.reply(json(502, "{}"), json(503, "{}"), json(200, ANSWER));

		assertThat(model.chat(OpenAiChatModelTest.question("q")).content()).startsWith("Tides");
		assertThat(server.received()).hasSize(3);

		model.close();
		model = openAi(Duration.ofSeconds(10), 2, 4); // a closed circuit again: five failures in a row would open it
		server.reply(json(500, "{\"error\":{\"message\":\"boom\"}}"));
		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.getMessage()).contains("boom");
		assertThat(server.received()).hasSize(6);
	}

	@Test
	void aBadRequestIsNotRetriedAndItsMessageSurfaces() {
		server.reply(json(400, "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}"));

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));

		assertThat(failed.retryable()).isFalse();
		assertThat(failed.getMessage()).contains("HTTP 400", "max_tokens is too large");
		assertThat(server.received()).hasSize(1);
	}

	@Test
	void repeatedServerErrorsOpenTheCircuitAndThenCallsFailFast() {
		server.reply(json(500, "{\"error\":{\"message\":\"down\"}}"));
		catchThrowableOfType(ChatModelFailed.class, () -> model.chat(OpenAiChatModelTest.question("q")));
		// the fifth failed attempt opens the circuit (at least 5 calls, half of them failed)
		ChatModelFailed opened = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));
		assertThat(model.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(server.received()).hasSize(5);
		assertThat(opened.getMessage()).contains("circuit breaker is open");

		long started = System.nanoTime();
		ChatModelFailed fast = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));
		assertThat(since(started)).isLessThan(200);
		assertThat(fast.retryable()).isTrue();
		assertThat(fast.status()).isZero();
		assertThat(fast.getMessage()).contains("circuit breaker is open");
		assertThat(server.received()).hasSize(5);
	}

	@Test
	void anOpenCircuitLetsTrialCallsThroughLaterAndClosesOnSuccess() throws Exception {
		model.close();
		var timeout = Duration.ofSeconds(5);
		model = new ResilientChatModel(new OpenAiChatModel(server.url("/v1"), null, timeout), timeout, 0, 4,
				ResilientChatModel.breakerConfig(Duration.ofMillis(300)));
		server.reply(json(503, "{}"));
		for (int i = 0; i < 5; i++) {
			catchThrowableOfType(ChatModelFailed.class, () -> model.chat(OpenAiChatModelTest.question("q")));
		}
		assertThat(model.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
		Thread.sleep(400);
		server.reply(json(200, ANSWER));
		model.chat(OpenAiChatModelTest.question("q"));
		model.chat(OpenAiChatModelTest.question("q"));
		assertThat(model.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void requestErrorsDoNotOpenTheCircuit() {
		server.reply(json(401, "{\"error\":{\"message\":\"bad key\"}}"));
		for (int i = 0; i < 8; i++) {
			catchThrowableOfType(ChatModelFailed.class, () -> model.chat(OpenAiChatModelTest.question("q")));
		}
		assertThat(model.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aSlowProviderTimesOutWithinTheOverallTimeoutRetriesIncluded() {
		model.close();
		model = openAi(Duration.ofMillis(800), 3, 4);
		server.reply(ChatProviderServer.after(Duration.ofSeconds(5), json(200, ANSWER)));
		long started = System.nanoTime();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));

		assertThat(since(started)).isBetween(700L, 1500L);
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.status()).isZero();
		assertThat(failed.getMessage()).contains("did not answer in time");
		assertThat(server.received()).hasSize(1);
	}

	@Test
	void aRetryAfterLongerThanTheTimeLeftIsNotWaitedFor() {
		model.close();
		model = openAi(Duration.ofSeconds(2), 2, 4);
		server.reply(json(429, "{}", "Retry-After", "30"), json(200, ANSWER));
		long started = System.nanoTime();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.chat(OpenAiChatModelTest.question("q")));

		assertThat(since(started)).isLessThan(1000);
		assertThat(failed.status()).isEqualTo(429);
		assertThat(server.received()).hasSize(1);
	}

	@Test
	void aStreamIsRetriedBeforeItsFirstToken() {
		server.reply(json(503, "{}"), events(Duration.ofMillis(5),
				data("{\"choices\":[{\"delta\":{\"content\":\"Tides \"}}]}",
						"{\"choices\":[{\"delta\":{\"content\":\"rise.\"},\"finish_reason\":\"stop\"}]}", "[DONE]")));
		var listener = new RecordingListener();

		model.stream(OpenAiChatModelTest.question("q"), listener);

		assertThat(listener.requestsSent()).as("once per attempt, through the retry").isEqualTo(2);
		assertThat(listener.tokens()).containsExactly("Tides ", "rise.");
		assertThat(listener.completed().content()).isEqualTo("Tides rise.");
		assertThat(server.received()).hasSize(2);
	}

	@Test
	void aStreamThatFailsAfterItsFirstTokenIsNotRetried() {
		server.reply(events(Duration.ZERO, data("{\"choices\":[{\"delta\":{\"content\":\"Tides \"}}]}")),
				events(Duration.ZERO, data("{\"choices\":[{\"delta\":{\"content\":\"again\"},\"finish_reason\":\"stop\"}]}",
						"[DONE]")));
		var listener = new RecordingListener();

		ChatModelFailed failed = catchThrowableOfType(ChatModelFailed.class,
				() -> model.stream(OpenAiChatModelTest.question("q"), listener));

		assertThat(failed.getMessage()).contains("ended the stream before the answer was finished");
		assertThat(listener.tokens()).containsExactly("Tides ");
		assertThat(listener.completions()).isEmpty();
		assertThat(server.received()).hasSize(1);
	}

	@Test
	void anAnthropicStreamOverloadedBeforeItsFirstTokenIsRetried() {
		model.close();
		var timeout = Duration.ofSeconds(5);
		model = new ResilientChatModel(new AnthropicChatModel(server.url(""), "k", timeout), timeout, 2, 4);
		server.reply(json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
				events(Duration.ZERO,
						AnthropicChatModelTest.event("content_block_delta",
								"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
						AnthropicChatModelTest.event("message_stop", "{\"type\":\"message_stop\"}")));
		var listener = new RecordingListener();

		model.stream(OpenAiChatModelTest.question("q"), listener);

		assertThat(listener.completed().content()).isEqualTo("Hi");
		assertThat(model.id()).isEqualTo("anthropic");
		assertThat(server.received()).hasSize(2);
	}

	@Test
	void aFullBulkheadFailsAtOnce() throws Exception {
		model.close();
		model = openAi(Duration.ofSeconds(5), 0, 1);
		CountDownLatch inside = new CountDownLatch(1);
		server.reply((request, exchange) -> {
			inside.countDown();
			Thread.sleep(800);
			json(200, ANSWER).send(request, exchange);
		});
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<ChatResponse> first = pool.submit(() -> model.chat(OpenAiChatModelTest.question("q")));
			assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();

			ChatModelFailed full = catchThrowableOfType(ChatModelFailed.class,
					() -> model.chat(OpenAiChatModelTest.question("q")));

			assertThat(since(started)).isLessThan(200);
			assertThat(full.retryable()).isTrue();
			assertThat(full.getMessage()).contains("kc.assistant.max-concurrent-calls");
			assertThat(first.get().content()).startsWith("Tides");
		}
		assertThat(server.received()).hasSize(1);
	}

	@Test
	void metricsArePublished() {
		var meters = new SimpleMeterRegistry();
		model.bindMetrics(meters);
		server.reply(json(200, ANSWER));

		model.chat(OpenAiChatModelTest.question("q"));

		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "openai").gauges()).isNotEmpty();
		assertThat(meters.find("resilience4j.circuitbreaker.calls").tag("kind", "successful").timer().count())
			.isEqualTo(1);
		assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls").gauge().value()).isEqualTo(4);
	}

	@Test
	void backoffDoublesWithJitterAndRetryAfterIsCapped() {
		for (int i = 0; i < 20; i++) {
			assertThat(ResilientChatModel.waitBefore(2, null).toMillis()).isBetween(125L, 375L);
			assertThat(ResilientChatModel.waitBefore(3, null).toMillis()).isBetween(250L, 750L);
		}
		assertThat(ResilientChatModel.waitBefore(2, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
		assertThat(ResilientChatModel.waitBefore(2, Duration.ofMinutes(5))).isEqualTo(ResilientChatModel.MAX_RETRY_AFTER);
	}
}
