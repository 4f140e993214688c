package io.knowledgecloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.search.Indexing;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * The outbox retries a listener that failed (the scheduled resubmission, here after 2 s instead
 * of a minute), and the queue is fair: one workspace's backlog does not starve another's document.
 */
@IntegrationTest
@TestPropertySource(properties = { "kc.outbox.resubmit-older-than=PT2S", "kc.outbox.resubmit-interval=PT1S" })
class IngestReliabilityIT {

	private final Api api;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	Indexing indexing;
	@Autowired
	Embeddings embeddings;

	IngestReliabilityIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void aListenerThatFailedOnceIsRetriedByTheResubmissionAndTheDocumentGetsIndexed() {
		Api.User owner = api.signUp("outbox");
		String ws = api.createWorkspace(owner, "Outbox");
		// the ingest listener's insert fails for this one document, as a database hiccup would
		jdbc.sql("ALTER TABLE ingest_jobs ADD CONSTRAINT kc_test_fail_once CHECK (title <> 'outbox retry')").update();
		String id;
		try {
			id = upload(owner, ws, "retry.md", "# Retry\n\n" + "Events are delivered at least once. ".repeat(30),
					Map.of("title", "outbox retry")).get("id");
			Api.eventually(() -> incomplete("IngestQueueListener") > 0 ? true : null);
			assertThat(status(owner, ws, id).get("status")).isEqualTo("PENDING");
		}
		finally {
			jdbc.sql("ALTER TABLE ingest_jobs DROP CONSTRAINT kc_test_fail_once").update();
		}

		Response indexed = Api.eventually(Duration.ofSeconds(60), () -> {
			Response r = status(owner, ws, id);
			return r.get("status").equals("INDEXED") ? r : null;
		});
		Api.eventually(() -> incomplete("IngestQueueListener") == 0 ? true : null);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE document_id = ?").param(UUID.fromString(id))
			.query(Long.class).single()).isEqualTo(1);
		assertThat(indexing.count(indexing.generationFor(embeddings.modelId()), UUID.fromString(ws),
				UUID.fromString(id))).isEqualTo(indexed.json().path("chunk_count").asInt());
	}

	@Test
	void aSingleDocumentIsNotStarvedByAnotherWorkspacesBacklog() {
		Api.User alice = api.signUp("fair-a");
		Api.User bob = api.signUp("fair-b");
		String busy = api.createWorkspace(alice, "Bulk");
		String quiet = api.createWorkspace(bob, "Single");
		Random random = new Random(42);
		List<String> backlog = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			backlog.add(upload(alice, busy, "bulk-" + i + ".md", text(random), Map.of()).get("id"));
		}
		String single = upload(bob, quiet, "single.md", text(random), Map.of()).get("id");

		Instant singleIndexed = indexedAt(bob, quiet, single);
		List<Instant> backlogIndexed = backlog.stream().map(d -> indexedAt(alice, busy, d)).sorted().toList();
		assertThat(singleIndexed).as("indexed before the backlog of the other workspace was done")
			.isBefore(backlogIndexed.getLast());
		assertThat(backlogIndexed.stream().filter(t -> t.isAfter(singleIndexed)).count())
			.as("most of the backlog was still waiting").isGreaterThanOrEqualTo(8);
	}

	private long incomplete(String listener) {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE ?")
			.param("%" + listener + "%")
			.query(Long.class)
			.single();
	}

	private Instant indexedAt(Api.User user, String ws, String id) {
		return Api.eventually(Duration.ofSeconds(180), () -> {
			Response r = status(user, ws, id);
			return r.get("status").equals("INDEXED") ? Instant.parse(r.get("updated_at")) : null;
		});
	}

	private static String text(Random random) {
		StringBuilder sb = new StringBuilder("# Notes\n\n");
		for (int i = 0; i < 1500; i++) {
			sb.append("w").append(Integer.toString(random.nextInt(5000), 36)).append(i % 15 == 14 ? ".\n\n" : " ");
		}
		return sb.toString();
	}

	private Response status(Api.User user, String ws, String id) {
		return api.get("/api/v1/workspaces/" + ws + "/documents/" + id).token(user.accessToken()).send();
	}

	private Response upload(Api.User user, String ws, String name, String content, Map<String, String> fields) {
		Response r = api.post("/api/v1/workspaces/" + ws + "/documents").token(user.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), fields)
			.send();
		assertThat(r.status()).isEqualTo(202);
		return r;
	}
}
