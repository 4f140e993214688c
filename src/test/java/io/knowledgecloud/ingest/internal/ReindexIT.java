package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.search.Indexing;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/** Reindex runs over HTTP, and the background re-embedding after an embedding model switch. */
@IntegrationTest
class ReindexIT {

	private final Api api;
	@Autowired
	Indexing indexing;
	@Autowired
	Embeddings embeddings;
	@Autowired
	MeterRegistry meters;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	GenerationSwitch generationSwitch;
	private Api.User owner;
	private String ws;

	ReindexIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("reindex");
		ws = api.createWorkspace(owner, "Reindex");
	}

	@Test
	void aDocumentIsReindexedFromTheEmbeddingCacheAndStaysSearchable() {
		String id = upload("a.md", "# Tides\n\n" + "The moon pulls the oceans. ".repeat(80));
		int chunks = awaitStatus(id, "INDEXED").json().path("chunk_count").asInt();
		double hits = meters.counter("kc.ingest.embedding.cache", "result", "hit").count();

		Response started = api.post(path("/documents/" + id + "/reindex")).token(owner.accessToken()).send();
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.json().path("total").asInt()).isEqualTo(1);
		assertThat(started.get("scope")).isEqualTo("document");
		assertThat(started.get("generation")).isEqualTo(indexing.generationFor(embeddings.modelId()));
		assertThat(started.header("Location")).endsWith("/reindex/" + started.get("id"));
		Response finished = awaitRun(started.get("id"));
		assertThat(finished.json().path("done").asInt()).isEqualTo(1);
		assertThat(finished.json().path("failed").asInt()).isZero();
		assertThat(meters.counter("kc.ingest.embedding.cache", "result", "hit").count()).isGreaterThanOrEqualTo(hits + chunks);
		assertThat(api.get(path("/documents/" + id)).token(owner.accessToken()).send().get("status")).isEqualTo("INDEXED");
		assertThat(indexing.count(current(), UUID.fromString(ws), UUID.fromString(id))).isEqualTo(chunks);

		Api.User viewer = api.signUp("reindex-viewer");
		api.addMember(owner, ws, viewer, "viewer");
		assertThat(api.post(path("/documents/" + id + "/reindex")).token(viewer.accessToken()).send().code())
			.isEqualTo("insufficient_role");
		assertThat(api.get(path("/reindex/" + started.get("id"))).token(viewer.accessToken()).send().status())
			.isEqualTo(200);
		String otherWs = api.createWorkspace(owner, "Elsewhere");
		assertThat(api.get("/api/v1/workspaces/" + otherWs + "/reindex/" + started.get("id")).token(owner.accessToken())
			.send().code()).isEqualTo("reindex_not_found");
	}

	@Test
	void chunksAreEmbeddedWithTheirTitleAndHeadingsInFrontButIndexedWithTheirOwnText() {
		String id = upload("handbook.md", "# Travel\n\n" + "Trains are booked in second class for every trip. ".repeat(100));
		awaitStatus(id, "INDEXED");
		List<IndexedChunk> chunks = indexing.chunks(current(), UUID.fromString(ws), UUID.fromString(id));
		assertThat(chunks).hasSizeGreaterThan(1);

		int withHeader = 0;
		for (IndexedChunk c : chunks) {
			Chunk chunk = new Chunk(c.ordinal(), c.text(), c.startOffset(), c.endOffset(), c.page(), c.headingPath(),
					c.tokenCount(), c.contentHash());
			String input = ChunkContext.embeddingInput(c.title(), chunk);
			assertThat(input).endsWith(c.text());
			if (!input.equals(c.text())) {
				withHeader++;
				assertThat(input).startsWith(c.title()).contains("Travel");
				assertThat(c.text()).doesNotStartWith(c.title()).doesNotContain("# Travel");
			}
			assertThat(c.vector()).as("chunk %d", c.ordinal())
				.containsExactly(embeddings.embedDocuments(List.of(input)).getFirst(), org.assertj.core.data.Offset.offset(1e-5f));
		}
		// the chunks after the first do not begin with the title or the heading, so they got the header
		assertThat(withHeader).isGreaterThanOrEqualTo(chunks.size() - 1);
	}

	@Test
	void aFailedDocumentGoesBackToWorkAndAWorkspaceReindexCoversEveryDocument() {
		String first = upload("one.md", "# One\n\n" + "First document text. ".repeat(30));
		String second = upload("two.md", "# Two\n\n" + "Second document text. ".repeat(30));
		awaitStatus(first, "INDEXED");
		awaitStatus(second, "INDEXED");
		// as if an earlier attempt had failed for good
		jdbc.sql("UPDATE document_documents SET status = 'FAILED', failure_code = 'ingest_failed' WHERE id = ?")
			.param(UUID.fromString(second))
			.update();

		Api.User editor = api.signUp("reindex-editor");
		api.addMember(owner, ws, editor, "editor");
		assertThat(api.post(path("/reindex")).token(editor.accessToken()).send().code()).isEqualTo("insufficient_role");
		Response started = api.post(path("/reindex")).token(owner.accessToken()).send();
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.json().path("total").asInt()).isEqualTo(2);
		assertThat(started.get("scope")).isEqualTo("workspace");
		assertThat(awaitRun(started.get("id")).json().path("done").asInt()).isEqualTo(2);
		Response revived = awaitStatus(second, "INDEXED");
		assertThat(revived.json().path("failure").isNull()).isTrue();
	}

	@Test
	void afterAModelSwitchSearchKeepsTheOldGenerationUntilTheNewOneIsCompleteThenSwitches() {
		String old = "g1-previous-model";
		String current = current();
		UUID workspace = UUID.fromString(ws);
		List<UUID> documents = List.of(UUID.fromString(upload("x.md", "# X\n\n" + "Old model vectors. ".repeat(40))),
				UUID.fromString(upload("y.md", "# Y\n\n" + "More old vectors. ".repeat(40))));
		for (UUID d : documents) {
			awaitStatus(d.toString(), "INDEXED");
			// as if these had been indexed by the previous model only
			indexing.write(old, workspace, d, indexing.chunks(current, workspace, d));
			indexing.commit();
			indexing.remove(current, workspace, d);
			jdbc.sql("UPDATE ingest_indexed SET generation = ? WHERE document_id = ?").params(old, d).update();
		}
		assertThat(indexing.generations()).contains(old);
		// search read the previous model's generation before the switch; this server cannot run that
		// model, so until the switch completes hybrid questions are answered by keyword over it
		try {
			indexing.activate(old, "previous-model");
			Response during = api.get(path("/search?q=old+model+vectors&mode=hybrid")).token(owner.accessToken()).send();
			assertThat(during.status()).isEqualTo(200);
			assertThat(during.get("generation")).isEqualTo(old);
			assertThat(during.get("mode")).isEqualTo("keyword");
			assertThat(documentIds(during)).contains(documents.get(0).toString());

			Api.eventually(Duration.ofSeconds(90), () -> {
				generationSwitch.check();
				return documents.stream().allMatch(d -> indexing.count(current, workspace, d) > 0)
						&& indexing.searched().name().equals(current) ? true : null;
			});
			Response after = api.get(path("/search?q=old+model+vectors&mode=hybrid")).token(owner.accessToken()).send();
			assertThat(after.get("generation")).isEqualTo(current);
			assertThat(after.get("mode")).isEqualTo("hybrid");
			assertThat(documentIds(after)).contains(documents.get(0).toString());
			Api.eventually(Duration.ofSeconds(30), () -> {
				generationSwitch.check();
				return !indexing.generations().contains(old) ? true : null;
			});
			assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_indexed WHERE generation = ?").param(old).query(Long.class)
				.single()).isZero();
			assertThat(jdbc.sql("SELECT total FROM ingest_reindex_runs WHERE scope = 'MODEL' AND generation = ? "
					+ "AND finished_at IS NOT NULL").param(current).query(Integer.class).list()).contains(2);
			for (UUID d : documents) {
				assertThat(api.get(path("/documents/" + d)).token(owner.accessToken()).send().get("status"))
					.isEqualTo("INDEXED");
			}
			// nothing is missing any more, so another check starts nothing
			long runs = jdbc.sql("SELECT COUNT(*) FROM ingest_reindex_runs").query(Long.class).single();
			generationSwitch.check();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_reindex_runs").query(Long.class).single()).isEqualTo(runs);
		}
		finally {
			// never leave the shared test database reading the fake generation
			indexing.activate(current, embeddings.modelId());
		}
	}

	private static List<String> documentIds(Response search) {
		List<String> ids = new java.util.ArrayList<>();
		search.json().path("items").forEach(hit -> ids.add(hit.path("document_id").asString()));
		return ids;
	}

	private String current() {
		return indexing.generationFor(embeddings.modelId());
	}

	private Response awaitRun(String run) {
		return Api.eventually(Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/reindex/" + run)).token(owner.accessToken()).send();
			return r.json().path("finished").asBoolean() ? r : null;
		});
	}

	private Response awaitStatus(String id, String status) {
		return Api.eventually(Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/documents/" + id)).token(owner.accessToken()).send();
			return r.get("status").equals(status) ? r : null;
		});
	}

	private String upload(String name, String content) {
		Response r = api.post(path("/documents")).token(owner.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(r.status()).isEqualTo(202);
		return r.get("id");
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + suffix;
	}
}
