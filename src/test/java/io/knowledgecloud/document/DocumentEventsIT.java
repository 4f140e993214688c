package io.knowledgecloud.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET …/documents/events: status changes as Server-Sent Events, filtered by the document ACL, resumable.
 * A stream's events are kept, not consumed, as they are read: looking for one document's events must
 * not drop another's that came first (two documents ingested at once interleave in any order).
 */
@IntegrationTest
class DocumentEventsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	/** Put in a queue when its stream ends (the server closed it, or the test did). */
	private static final String ENDED = "(stream ended)";
	private final Api api;
	private final List<Stream<String>> open = new ArrayList<>();
	private Api.User owner;
	private String ws;

	DocumentEventsIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("events");
		ws = api.createWorkspace(owner, "Events");
	}

	@AfterEach
	void close() {
		open.forEach(Stream::close);
	}

	@Test
	void anUploadStreamsItsWayToIndexedAndDeleted() throws Exception {
		Received events = subscribe(owner, null);
		String id = upload(owner, "bio.md", "# Plants\n\n" + "Chlorophyll absorbs light. ".repeat(60), Map.of())
			.get("id");
		List<Event> seen = events.until(id, "indexed");
		assertThat(seen).extracting(Event::type).startsWith("uploaded").contains("processing").endsWith("indexed");
		assertThat(seen.stream().filter(e -> e.type().equals("processing")).map(e -> e.data().path("stage").asString()))
			.containsSubsequence("extract", "chunk", "embed", "index");
		assertThat(seen.getLast().data().path("status").asString()).isEqualTo("INDEXED");
		assertThat(seen.getLast().data().path("version").asInt()).isEqualTo(1);
		assertThat(seen).extracting(Event::id).isSorted();

		assertThat(api.delete(path("/" + id)).token(owner.accessToken()).send().status()).isEqualTo(204);
		assertThat(events.until(id, "deleted").getLast().data().path("status").asString()).isEqualTo("DELETED");
	}

	@Test
	void viewersNeverSeeEventsOfDocumentsTheyCannotSee() throws Exception {
		Api.User viewer = api.signUp("events-viewer");
		Api.User editor = api.signUp("events-editor");
		api.addMember(owner, ws, viewer, "viewer");
		api.addMember(owner, ws, editor, "editor");
		String secret = upload(editor, "secret.md", "# Secret\n\n" + "Only the editor knows. ".repeat(40),
				Map.of("allowed_users", editor.id())).get("id");
		String open = upload(editor, "open.md", "# Open\n\n" + "Everyone may read this. ".repeat(40), Map.of())
			.get("id");
		api.awaitStatus(editor, ws, secret, "INDEXED");
		api.awaitStatus(editor, ws, open, "INDEXED");

		// the whole history of the (new) workspace, replayed from the log through the ACL filter
		Received viewerEvents = subscribe(viewer, 0L);
		Received editorEvents = subscribe(editor, 0L);
		viewerEvents.until(open, "indexed");
		// the secret's events are in the log and reach the editor: the viewer's stream did not just miss them
		editorEvents.until(secret, "indexed");
		editorEvents.until(open, "indexed");
		// then live: a stream is in log order, so once this reached the viewer, so did all before it
		String last = upload(editor, "last.md", "# Last\n\n" + "Everyone may read this too. ".repeat(40), Map.of())
			.get("id");
		editorEvents.until(last, "indexed");
		viewerEvents.until(last, "indexed");
		assertThat(editorEvents.all()).extracting(e -> e.data().path("document_id").asString()).contains(secret);
		assertThat(viewerEvents.all()).extracting(e -> e.data().path("document_id").asString()).doesNotContain(secret);
	}

	@Test
	void aClientThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
		Received first = subscribe(owner, null);
		String id = upload(owner, "resume.md", "# Resume\n\n" + "Streams can be resumed. ".repeat(40), Map.of())
			.get("id");
		Event uploaded = first.until(id, "uploaded").getLast();
		first.until(id, "indexed");
		open.forEach(Stream::close);

		Received resumed = subscribe(owner, uploaded.id());
		List<Event> replay = resumed.until(id, "indexed");
		assertThat(replay).extracting(Event::type).doesNotContain("uploaded").contains("processing");
		assertThat(replay.getFirst().id()).isGreaterThan(uploaded.id());

		assertThat(api.get(path("/events")).token(api.signUp("outsider").accessToken()).send().status())
			.isEqualTo(404);
		assertThat(api.get(path("/events")).send().status()).isEqualTo(401);
	}

	/** One SSE event. */
	record Event(long id, String type, JsonNode data) {
	}

	/** What one stream delivered so far, in order; {@link #until} reads on, it never drops an event. */
	private static final class Received {
		private final BlockingQueue<Event> arriving = new LinkedBlockingQueue<>();
		private final List<Event> history = new ArrayList<>();
		private boolean ended;

		/** The document's events until (and including) its first {@code type} event, waiting up to 90 s. */
		List<Event> until(String documentId, String type) throws InterruptedException {
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (true) {
				List<Event> seen = new ArrayList<>();
				for (Event e : history) {
					if (e.data().path("document_id").asString().equals(documentId)) {
						seen.add(e);
						if (e.type().equals(type)) {
							return seen;
						}
					}
				}
				if (ended) {
					throw new AssertionError("the stream ended before a " + type + " event for " + documentId
							+ "; saw " + seen);
				}
				if (System.nanoTime() > deadline) {
					throw new AssertionError("no " + type + " event for " + documentId + " within 90 s; saw " + seen);
				}
				Event next = arriving.poll(500, TimeUnit.MILLISECONDS);
				if (next != null && next.type().equals(ENDED)) {
					ended = true;
				}
				else if (next != null) {
					history.add(next);
				}
			}
		}

		/** Every event received so far. */
		List<Event> all() {
			arriving.drainTo(history);
			history.removeIf(e -> e.type().equals(ENDED));
			return List.copyOf(history);
		}
	}

	private Received subscribe(Api.User user, @Nullable Long lastEventId) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path("/events")))
			.header("Authorization", "Bearer " + user.accessToken())
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId.toString());
		}
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		Received received = new Received();
		BlockingQueue<Event> queue = received.arriving;
		Stream<String> lines = response.body();
		open.add(lines);
		// a platform thread: the server's virtual threads share their carriers with a virtual one here
		Thread.ofPlatform().daemon().start(() -> {
			long id = 0;
			String type = null;
			StringBuilder data = new StringBuilder();
			try {
				for (String line : (Iterable<String>) lines::iterator) {
					if (line.startsWith("id:")) {
						id = Long.parseLong(line.substring(3).strip());
					}
					else if (line.startsWith("event:")) {
						type = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5));
					}
					else if (line.isEmpty() && type != null) {
						queue.add(new Event(id, type, JSON.readTree(data.toString())));
						type = null;
						data.setLength(0);
					}
				}
			}
			catch (RuntimeException closed) {
				// the test closed the stream
			}
			queue.add(new Event(-1, ENDED, JSON.missingNode()));
		});
		return received;
	}

	private Api.Response upload(Api.User user, String name, String content, Map<String, String> fields) {
		Api.Response r = api.post(path("")).token(user.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), fields)
			.send();
		assertThat(r.status()).isEqualTo(202);
		return r;
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + "/documents" + suffix;
	}
}
