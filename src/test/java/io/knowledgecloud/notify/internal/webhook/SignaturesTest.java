package io.knowledgecloud.notify.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.agent.AgentRunFinished;
import io.knowledgecloud.notify.internal.NotifyEvent;

/** The documented signature, fresh secrets, stable event ids, and the back-off curve. */
class SignaturesTest {

	@Test
	void signsTimestampDotBodyAsHex() {
		// openssl: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test -hex
		assertThat(Signatures.sign("whsec_test", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
		assertThat(Signatures.newSecret()).startsWith("whsec_").isNotEqualTo(Signatures.newSecret()).hasSize(49);
	}

	@Test
	void theSameEventAlwaysGetsTheSameId() {
		UUID ws = UUID.randomUUID();
		UUID run = UUID.randomUUID();
		Instant at = Instant.parse("2026-11-22T03:00:00Z");
		var a = new AgentRunFinished(ws, run, UUID.randomUUID(), "SUCCEEDED", "goal", null, at);
		assertThat(NotifyEvent.of(a).id()).isEqualTo(NotifyEvent.of(a).id());
		var later = new AgentRunFinished(ws, run, a.ownerId(), "SUCCEEDED", "goal", null, at.plusSeconds(1));
		assertThat(NotifyEvent.of(later).id()).isNotEqualTo(NotifyEvent.of(a).id());
	}

	@Test
	void backOffDoublesUpToTheCap() {
		var settings = new WebhookSettings(Duration.ofSeconds(10), Duration.ofMinutes(1), 8, 5, Duration.ofSeconds(1),
				Duration.ofMinutes(2), 20, 4, Duration.ofDays(30));
		assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.backoff(60)).isEqualTo(Duration.ofMinutes(1));
	}
}
