package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.BackgroundService;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Server-Sent Events of document status changes per workspace. One thread per replica polls
 * {@code document_events} (every replica sees every change, whichever replica made it) and sends
 * each change to the subscribers of its workspace who may see the document. Event ids are the
 * log's sequence numbers, so a client that reconnects with {@code Last-Event-ID} gets what it
 * missed (for a day). A sequence number can commit after a higher one: the poller re-reads above
 * the highest contiguous number it delivered and waits up to {@link #GAP_WAIT} for a gap to fill.
 */
@Component
public class DocumentEventStream extends BackgroundService {

	/** A document status change as clients receive it ({@code data:} of an SSE event named after {@code type}). */
	public record Event(long id, UUID documentId, String type, DocumentStatus status, @Nullable String stage,
			int version, @Nullable String failureCode, Instant at) {
	}

	private static final Logger log = LoggerFactory.getLogger(DocumentEventStream.class);
	static final Duration POLL = Duration.ofMillis(500);
	static final Duration HEARTBEAT = Duration.ofSeconds(15);
	static final Duration GAP_WAIT = Duration.ofSeconds(10);
	static final Duration TIMEOUT = Duration.ofMinutes(30);
	private static final int BATCH = 500;

	private final DocumentEventLog events;
	private final Documents documents;
	private final WorkspaceAccess access;
	private final Map<UUID, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
	private final TreeSet<Long> deliveredAbove = new TreeSet<>();
	private long floor = -1;
	private @Nullable Instant gapSince;
	private Instant lastHeartbeat = Instant.now();

	DocumentEventStream(DocumentEventLog events, Documents documents, WorkspaceAccess access) {
		super("document-events", POLL, Duration.ofSeconds(2));
		this.events = events;
		this.documents = documents;
		this.access = access;
	}

	/** Opens a stream for the caller (any member); replays what came after {@code lastEventId} first. */
	public SseEmitter subscribe(WorkspaceId ws, CurrentUser caller, @Nullable Long lastEventId) {
		Role role = access.require(ws, caller, Role.VIEWER);
		var subscriber = new Subscriber(ws, caller, role.atLeast(Role.ADMIN), new SseEmitter(TIMEOUT.toMillis()));
		synchronized (this) {
			// together with the round's emptiness check: a round that saw no subscriber must not reset
			// the floor after this one set it (the stream would then walk the whole log from its start)
			if (floor < 0) {
				floor = events.lastId();
			}
			// added inside the map's compute: a concurrent remove() of the workspace's last subscriber
			// could otherwise drop the list this one is being added to
			subscribers.compute(ws.value(), (k, list) -> {
				List<Subscriber> to = list == null ? new CopyOnWriteArrayList<>() : list;
				to.add(subscriber);
				return to;
			});
		}
		subscriber.emitter.onCompletion(() -> remove(subscriber));
		subscriber.emitter.onTimeout(() -> remove(subscriber));
		subscriber.emitter.onError(e -> remove(subscriber));
		synchronized (subscriber) {
			try {
				subscriber.emitter.send(SseEmitter.event().comment("connected"));
				if (lastEventId != null) {
					Map<UUID, Optional<Document>> seen = new HashMap<>();
					for (DocumentEventLog.Entry e : events.after(ws.value(), lastEventId, BATCH)) {
						if (visible(subscriber, e, seen)) {
							send(subscriber, e);
							subscriber.replayed.add(e.id());
						}
					}
				}
			}
			catch (IOException | IllegalStateException gone) {
				end(subscriber, gone);
			}
		}
		wake();
		return subscriber.emitter;
	}

	int subscriberCount() {
		return subscribers.values().stream().mapToInt(List::size).sum();
	}

	@Override
	protected void stopped() {
		subscribers.values().forEach(list -> list.forEach(s -> s.emitter.complete()));
		subscribers.clear();
	}

	@Override
	protected boolean round() {
		synchronized (this) {
			if (subscribers.isEmpty()) {
				floor = -1; // nobody listens: the next subscriber starts from the end of the log
				deliveredAbove.clear();
				gapSince = null;
				return false;
			}
		}
		poll();
		if (Instant.now().isAfter(lastHeartbeat.plus(HEARTBEAT))) {
			heartbeat();
			lastHeartbeat = Instant.now();
		}
		return false;
	}

	private synchronized void poll() {
		Map<UUID, Optional<Document>> seen = new HashMap<>();
		for (DocumentEventLog.Entry e : events.after(floor, BATCH)) {
			if (!deliveredAbove.contains(e.id())) {
				for (Subscriber s : subscribers.getOrDefault(e.workspaceId(), List.of())) {
					if (visible(s, e, seen)) {
						deliver(s, e);
					}
				}
				// only once delivered: a round that fails on the way (the database) retries the event
				deliveredAbove.add(e.id());
			}
		}
		Instant now = Instant.now();
		while (!deliveredAbove.isEmpty()) {
			long first = deliveredAbove.first();
			if (first == floor + 1) {
				floor = deliveredAbove.pollFirst();
				gapSince = null;
			}
			else if (gapSince == null) {
				gapSince = now;
				break;
			}
			else if (now.isAfter(gapSince.plus(GAP_WAIT))) {
				floor = first - 1; // rolled back, or a sequence cache skipped numbers
				gapSince = null;
			}
			else {
				break;
			}
		}
	}

	private boolean visible(Subscriber s, DocumentEventLog.Entry e, Map<UUID, Optional<Document>> seen) {
		return seen
			.computeIfAbsent(e.documentId(),
					id -> documents.findIncludingDeleted(e.workspaceId(), new DocumentId(id)))
			.map(d -> d.visibleTo(s.caller.userId().value(), s.admin))
			.orElse(false);
	}

	private void deliver(Subscriber s, DocumentEventLog.Entry e) {
		synchronized (s) {
			if (s.replayed.remove(e.id())) {
				return;
			}
			try {
				send(s, e);
			}
			catch (IOException | IllegalStateException gone) {
				end(s, gone);
			}
		}
	}

	private static void send(Subscriber s, DocumentEventLog.Entry e) throws IOException {
		var event = new Event(e.id(), e.documentId(), e.type(), e.status(), e.stage(), e.version(), e.failureCode(),
				e.at());
		s.emitter.send(SseEmitter.event().id(Long.toString(e.id())).name(e.type()).data(event,
				MediaType.APPLICATION_JSON));
	}

	/** Keeps idle connections open through proxies, notices closed ones, and ends streams of ex-members. */
	private void heartbeat() {
		for (List<Subscriber> list : subscribers.values()) {
			for (Subscriber s : list) {
				try {
					access.require(s.ws, s.caller, Role.VIEWER);
				}
				catch (KnowledgeCloudException noLongerMember) {
					s.emitter.complete();
					remove(s);
					continue;
				}
				catch (RuntimeException unknown) {
					// e.g. no database connection for a moment: not a reason to end the stream
					log.warn("Could not check the membership of a document-event subscriber: {}", unknown.toString());
				}
				synchronized (s) {
					try {
						s.emitter.send(SseEmitter.event().comment("keep-alive"));
					}
					catch (IOException | IllegalStateException gone) {
						end(s, gone);
					}
				}
			}
		}
	}

	/**
	 * A stream whose send failed: ended, not only forgotten, so the client sees the end and
	 * reconnects with {@code Last-Event-ID} instead of waiting on an open connection that gets nothing.
	 */
	private void end(Subscriber s, Exception cause) {
		remove(s);
		log.debug("Ending a document-event stream after a failed send: {}", cause.toString());
		try {
			s.emitter.completeWithError(cause);
		}
		catch (RuntimeException alreadyDone) {
			// completed meanwhile
		}
	}

	private void remove(Subscriber s) {
		subscribers.computeIfPresent(s.ws.value(), (k, list) -> {
			list.remove(s);
			return list.isEmpty() ? null : list;
		});
	}

	/** One open stream. */
	private static final class Subscriber {
		final WorkspaceId ws;
		final CurrentUser caller;
		final boolean admin;
		final SseEmitter emitter;
		/** Ids sent by the replay, so that live delivery does not send them twice. */
		final java.util.Set<Long> replayed = new java.util.HashSet<>();

		Subscriber(WorkspaceId ws, CurrentUser caller, boolean admin, SseEmitter emitter) {
			this.ws = ws;
			this.caller = caller;
			this.admin = admin;
			this.emitter = emitter;
		}
	}
}
