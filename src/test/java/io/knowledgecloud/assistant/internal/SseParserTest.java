package io.knowledgecloud.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Server-sent event framing and {@code Retry-After} forms. */
class SseParserTest {

	@Test
	void eventsAreFramedAsTheStandardSays() {
		List<SseParser.Event> events = new ArrayList<>();
		SseParser parser = new SseParser(events::add);
		for (String line : List.of(": keep-alive", "", "event: message_start", "data: {\"a\":1}", "",
				"data:first", "data: second", "id: 7", "retry: 100", "", "event: lonely", "", "data: [DONE]")) {
			parser.line(line);
		}
		parser.end();

		assertThat(events).containsExactly(new SseParser.Event("message_start", "{\"a\":1}"),
				new SseParser.Event("message", "first\nsecond"), new SseParser.Event("message", "[DONE]"));
	}

	@Test
	void retryAfterInSecondsMillisecondsOrAsADate() {
		assertThat(ProviderErrors.retryAfter(headers("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
		assertThat(ProviderErrors.retryAfter(headers("retry-after-ms", "250", "Retry-After", "1")))
			.isEqualTo(Duration.ofMillis(250));
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
		assertThat(ProviderErrors.retryAfter(headers("Retry-After", inTenSeconds)))
			.isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
		assertThat(ProviderErrors.retryAfter(headers("Retry-After", "soon"))).isNull();
		assertThat(ProviderErrors.retryAfter(headers())).isNull();
	}

	private static HttpHeaders headers(String... pairs) {
		Map<String, List<String>> map = new java.util.HashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put(pairs[i], List.of(pairs[i + 1]));
		}
		return HttpHeaders.of(map, (a, b) -> true);
	}
}
