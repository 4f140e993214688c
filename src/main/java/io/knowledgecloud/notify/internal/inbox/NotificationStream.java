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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * New notifications as Server-Sent Events. Like the document event stream (ADR 28), one thread
 * per replica polls the table while anyone listens, so a notification written on any replica
 * reaches its user's streams on every replica; the SSE id is the row's {@code seq}, so a client
 * reconnecting with {@code Last-Event-ID} gets what it missed first.
 */
@Component
class NotificationStream implements SmartLifecycle {

	static final Duration POLL = Duration.ofMillis(500);
	static final Duration HEARTBEAT = Duration.ofSeconds(15);
	static final Duration TIMEOUT = Duration.ofMinutes(30);
	private static final int BATCH = 500;
	private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

	/** One open connection; {@code replayed} holds the ids the replay sent, so the poller skips them. */
	private record Listener(UUID userId, SseEmitter emitter, Set<Long> replayed) {
	}

	private final Inbox inbox;
	private final Map<UUID, List<Listener>> listeners = new ConcurrentHashMap<>();
	private final SequenceWindow window = new SequenceWindow(Duration.ofSeconds(10));
	private final Semaphore wake = new Semaphore(0);
	private volatile boolean running;
	private Instant lastBeat = Instant.now();

	NotificationStream(Inbox inbox) {
		this.inbox = inbox;
	}

	SseEmitter open(UUID userId, @Nullable Long lastEventId) {
		var listener = new Listener(userId, new SseEmitter(TIMEOUT.toMillis()), new HashSet<>());
		synchronized (window) {
			if (!window.started()) {
				window.startAfter(inbox.lastSeq());
			}
		}
		listeners.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>()).add(listener);
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
		wake.release();
		return listener.emitter();
	}

	@Override
	public void start() {
		running = true;
		Thread.ofPlatform().name("notification-stream").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		wake.release();
		listeners.values().forEach(all -> all.forEach(l -> l.emitter().complete()));
		listeners.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
				wake.drainPermits();
				tick();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				log.warn("Polling notifications failed; retrying: {}", e.toString());
			}
		}
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
