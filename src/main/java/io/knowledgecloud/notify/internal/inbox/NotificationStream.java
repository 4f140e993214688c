package io.knowledgecloud.notify.internal.inbox;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.platform.BackgroundService;

/**
 * New notifications as Server-Sent Events. Like the document event stream (ADR 28), one thread
 * per replica polls the table while anyone listens, so a notification written on any replica
 * reaches its user's streams on every replica; the SSE id is the row's {@code seq}, so a client
 * reconnecting with {@code Last-Event-ID} gets what it missed first.
 */
@Component
class NotificationStream extends BackgroundService {

	static final Duration POLL = Duration.ofMillis(500);
	static final Duration HEARTBEAT = Duration.ofSeconds(15);
	static final Duration TIMEOUT = Duration.ofMinutes(30);
	private static final int BATCH = 500;

	/** One open connection; {@code replayed} holds the ids the replay sent, so the poller skips them. */
	private record Listener(UUID userId, SseEmitter emitter, Set<Long> replayed) {
	}

	private final Inbox inbox;
	private final Map<UUID, List<Listener>> listeners = new ConcurrentHashMap<>();
	private final SequenceWindow window = new SequenceWindow(Duration.ofSeconds(10));
	private Instant lastBeat = Instant.now();

	NotificationStream(Inbox inbox) {
		super("notification-stream", POLL, Duration.ofSeconds(2));
		this.inbox = inbox;
	}

	SseEmitter open(UUID userId, @Nullable Long lastEventId) {
		var listener = new Listener(userId, new SseEmitter(TIMEOUT.toMillis()), new HashSet<>());
		synchronized (window) {
			// in the same lock as the tick's emptiness check, so a tick cannot stop the window after
			// this started it and before the listener is in
			if (!window.started()) {
				window.startAfter(inbox.lastSeq());
			}
			// inside the map's compute: a concurrent drop() of the user's last listener could otherwise
			// drop the list this one is being added to
			listeners.compute(userId, (k, list) -> {
				List<Listener> to = list == null ? new CopyOnWriteArrayList<>() : list;
				to.add(listener);
				return to;
			});
		}
		listener.emitter().onCompletion(() -> drop(listener));
		listener.emitter().onTimeout(() -> drop(listener));
		listener.emitter().onError(e -> drop(listener));
		synchronized (listener) {
			try {
				listener.emitter().send(SseEmitter.event().comment("connected"));
				if (lastEventId != null) {
					for (Inbox.Entry missed : inbox.after(userId, lastEventId, BATCH)) {
						emit(listener, missed);
						listener.replayed().add(missed.seq());
					}
				}
			}
			catch (IOException | IllegalStateException gone) {
				drop(listener);
			}
		}
		wake();
		return listener.emitter();
	}

	@Override
	protected boolean round() {
		tick();
		return false;
	}

	@Override
	protected void stopped() {
		listeners.values().forEach(all -> all.forEach(l -> l.emitter().complete()));
		listeners.clear();
	}

	private void tick() {
		synchronized (window) {
			if (listeners.isEmpty()) {
				window.stop();
				return;
			}
			for (Inbox.Entry entry : inbox.after(window.floor(), BATCH)) {
				if (window.firstSight(entry.seq())) {
					listeners.getOrDefault(entry.userId(), List.of()).forEach(l -> deliver(l, entry));
				}
			}
			window.advance(Instant.now());
		}
		if (Instant.now().isAfter(lastBeat.plus(HEARTBEAT))) {
			lastBeat = Instant.now();
			listeners.values().forEach(all -> all.forEach(this::beat));
		}
	}

	private void deliver(Listener l, Inbox.Entry entry) {
		synchronized (l) {
			if (l.replayed().remove(entry.seq())) {
				return;
			}
			try {
				emit(l, entry);
			}
			catch (IOException | IllegalStateException gone) {
				drop(l);
			}
		}
	}

	private void beat(Listener l) {
		synchronized (l) {
			try {
				l.emitter().send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException gone) {
				drop(l);
			}
		}
	}

	private static void emit(Listener l, Inbox.Entry entry) throws IOException {
		l.emitter().send(SseEmitter.event().id(Long.toString(entry.seq())).name("notification")
			.data(entry.notification(), MediaType.APPLICATION_JSON));
	}

	private void drop(Listener l) {
		listeners.computeIfPresent(l.userId(), (k, all) -> {
			all.remove(l);
			return all.isEmpty() ? null : all;
		});
	}
}
