package io.knowledgecloud.assistant.internal;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Turns the lines of a {@code text/event-stream} into events, as the HTML standard's parsing
 * rules say: {@code event:} names the event, {@code data:} lines are joined with newlines, a blank
 * line dispatches, lines starting with {@code :} are comments; other fields ({@code id},
 * {@code retry}) are of no use to a one-shot request and are ignored.
 */
final class SseParser {

	/** One event; {@code name} is {@code message} when the stream did not name it. */
	record Event(String name, String data) {
	}

	private final Consumer<Event> sink;
	private String name = "";
	private @Nullable StringBuilder data;

	SseParser(Consumer<Event> sink) {
		this.sink = sink;
	}

	void line(String line) {
		if (line.isEmpty()) {
			dispatch();
			return;
		}
		if (line.startsWith(":")) {
			return;
		}
		int colon = line.indexOf(':');
		String field = colon < 0 ? line : line.substring(0, colon);
		String value = colon < 0 ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if (field.equals("event")) {
			name = value;
		}
		else if (field.equals("data")) {
			if (data == null) {
				data = new StringBuilder(value);
			}
			else {
				data.append('\n').append(value);
			}
		}
	}

	/** The stream ended: an event not yet followed by a blank line is dispatched too. */
	void end() {
		dispatch();
	}

	private void dispatch() {
		StringBuilder pending = data;
		String event = name.isEmpty() ? "message" : name;
		data = null;
		name = "";
		if (pending != null) {
			sink.accept(new Event(event, pending.toString()));
		}
	}
}
