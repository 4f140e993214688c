package io.knowledgecloud.assistant.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.assistant.spi.ChatModelFailed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How a chat provider's failures read. HTTP 408, 409, 429, 5xx (Anthropic's 529 "overloaded"
 * included) and no answer at all are retryable; other statuses (400, 401, 403, 404, ...) are not.
 * The provider's own error message is quoted (OpenAI {@code {"error":{"message"}}}, Anthropic
 * {@code {"type":"error","error":{"type","message"}}}, Ollama {@code {"error":"..."}}), shortened,
 * and with the API key blanked out should the provider echo it.
 */
final class ProviderErrors {

	private static final int MAX_MESSAGE = 300;

	private final String provider;
	private final @Nullable String secret;

	ProviderErrors(String provider, @Nullable String secret) {
		this.provider = provider;
		this.secret = secret == null || secret.isBlank() ? null : secret;
	}

	static boolean retryable(int status) {
		return status == 408 || status == 409 || status == 429 || status >= 500;
	}

	ChatModelFailed answered(int status, HttpHeaders headers, String body) {
		String message = message(body);
		return new ChatModelFailed(provider + " answered HTTP " + status + (message.isEmpty() ? "." : ": " + message),
				status, retryable(status), retryAfter(headers), null);
	}

	/** An error event inside a stream that had started with 200; {@code status} is what it stands for. */
	ChatModelFailed inStream(int status, JsonNode error) {
		String message = describe(error);
		return new ChatModelFailed(provider + " failed during the stream" + (message.isEmpty() ? "." : ": " + message),
				status, retryable(status), null, null);
	}

	ChatModelFailed endedEarly() {
		return new ChatModelFailed(provider + " ended the stream before the answer was finished.", 0, true, null);
	}

	ChatModelFailed timedOut() {
		return new ChatModelFailed(provider + " did not answer in time (kc.assistant.timeout).", 0, true, null);
	}

	ChatModelFailed unreachable(Throwable cause) {
		return new ChatModelFailed(provider + " could not be reached (" + cause.getClass().getSimpleName() + ").", 0,
				true, cause);
	}

	ChatModelFailed interrupted() {
		return new ChatModelFailed("Interrupted while waiting for " + provider + ".", 0, false, null);
	}

	ChatModelFailed malformed(String what) {
		return new ChatModelFailed(provider + " " + what + ".", 0, false, null);
	}

	String excerpt(String text) {
		String flat = redact(text).replaceAll("\\s+", " ").strip();
		return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
	}

	private String message(String body) {
		if (body.isBlank()) {
			return "";
		}
		try {
			JsonNode root = ProviderEndpoint.JSON.readTree(body);
			// vLLM and some gateways put message and type at the top level
			String described = describe(root.has("error") ? root.path("error") : root);
			return described.isEmpty() ? excerpt(body) : described;
		}
		catch (JacksonException ex) {
			return excerpt(body);
		}
	}

	/** {@code message (type)} of an error object, or the error itself when it is a plain string. */
	private String describe(JsonNode error) {
		if (error.isString()) {
			return excerpt(error.stringValue());
		}
		String message = error.path("message").isString() ? error.path("message").stringValue() : "";
		String type = error.path("type").isString() ? error.path("type").stringValue() : "";
		if (message.isEmpty()) {
			return excerpt(type);
		}
		return excerpt(type.isEmpty() ? message : message + " (" + type + ")");
	}

	private String redact(String text) {
		return secret == null ? text : text.replace(secret, "[redacted]");
	}

	/**
	 * {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date;
	 * the caller caps it.
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers) {
		try {
			String millis = headers.firstValue("retry-after-ms").orElse(null);
			if (millis != null) {
				return nonNegative(Duration.ofMillis((long) Double.parseDouble(millis.trim())));
			}
			String value = headers.firstValue("retry-after").orElse(null);
			if (value == null) {
				return null;
			}
			value = value.trim();
			if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
				return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
			}
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			return nonNegative(Duration.between(ZonedDateTime.now(at.getZone()), at));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration nonNegative(Duration d) {
		return d.isNegative() ? Duration.ZERO : d;
	}
}
