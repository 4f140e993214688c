package io.knowledgecloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.search.Indexing;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/** Upload → extracted, chunked, embedded, indexed; failures end FAILED with a code; deletes leave the index. */
@IntegrationTest
class IngestionIT {

	private final Api api;
	@Autowired
	Indexing indexing;
	@Autowired
	Embeddings embeddings;
	@Autowired
	MeterRegistry meters;
	private Api.User owner;
	private String ws;

	IngestionIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("ingest");
		ws = api.createWorkspace(owner, "Ingest");
	}

	@Test
	void aMarkdownDocumentBecomesSearchableChunks() {
		String markdown = "# Photosynthesis\n\nPlants convert light into chemical energy. " + "Chlorophyll absorbs light. "
				.repeat(200) + "\n\n## Respiration\n\nCells release energy from glucose. " + "Mitochondria matter. "
				.repeat(200);
		String id = upload("bio.md", markdown).get("id");
		Response indexed = awaitFinal(id);
		assertThat(indexed.get("status")).isEqualTo("INDEXED");
		int chunks = indexed.json().path("chunk_count").asInt();
		assertThat(chunks).isGreaterThan(1);
		var timings = indexed.json().path("timings");
		assertThat(timings.isObject()).as(timings.toString()).isTrue();
		assertThat(timings.path("extract_ms").isNumber()).isTrue();
		assertThat(timings.path("embed_ms").isNumber()).isTrue();
		assertThat(timings.path("index_ms").isNumber()).isTrue();
		assertThat(timings.path("chunks").asInt()).isEqualTo(chunks);
		String generation = indexing.generationFor(embeddings.modelId());
		assertThat(indexing.count(generation, UUID.fromString(ws), UUID.fromString(id))).isEqualTo(chunks);

		assertThat(api.delete(path("/" + id)).token(owner.accessToken()).send().status()).isEqualTo(204);
		Api.eventually(() -> indexing.count(generation, UUID.fromString(ws), UUID.fromString(id)) == 0 ? true : null);
	}

	@Test
	void aNewVersionReusesTheEmbeddingsOfUnchangedChunks() {
		String base = "# Part one\n\n" + "The first part stays the same. ".repeat(150) + "\n\n# Part two\n\n";
		String id = upload("v.md", base + "Original ending. ".repeat(100)).get("id");
		assertThat(awaitFinal(id).get("status")).isEqualTo("INDEXED");
		String generation = indexing.generationFor(embeddings.modelId());
		java.util.Set<String> v1 = indexing.chunks(generation, UUID.fromString(ws), UUID.fromString(id)).stream()
			.map(io.knowledgecloud.search.spi.IndexedChunk::contentHash)
			.collect(java.util.stream.Collectors.toSet());
		double hitsBefore = meters.counter("kc.ingest.embedding.cache", "result", "hit").count();
		double missesBefore = meters.counter("kc.ingest.embedding.cache", "result", "miss").count();
		Response v2 = api.put(path("/" + id + "/content")).token(owner.accessToken())
			.multipart("v.md", (base + "A changed ending. ".repeat(100)).getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(v2.status()).isEqualTo(202);
		Response indexed = Api.eventually(java.time.Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/" + id)).token(owner.accessToken()).send();
			return r.json().path("indexed_version").asInt() == 2 ? r : null;
		});
		assertThat(indexed.get("status")).isEqualTo("INDEXED");
		var second = indexing.chunks(generation, UUID.fromString(ws), UUID.fromString(id));
		long changed = second.stream().map(io.knowledgecloud.search.spi.IndexedChunk::contentHash).distinct()
			.filter(h -> !v1.contains(h)).count();
		// only the changed chunks were embedded; the unchanged ones came from the cache
		assertThat(changed).isPositive().isLessThan(second.size());
		assertThat(meters.counter("kc.ingest.embedding.cache", "result", "miss").count() - missesBefore)
			.isEqualTo((double) changed);
		assertThat(meters.counter("kc.ingest.embedding.cache", "result", "hit").count() - hitsBefore)
			.isGreaterThanOrEqualTo((double) second.size() - changed);
		// the index holds exactly version 2: the chunks that disappeared are gone
		assertThat(second).hasSize(indexed.json().path("chunk_count").asInt())
			.allSatisfy(c -> assertThat(c.version()).isEqualTo(2));
	}

	@Test
	void aDocumentThatDeclaresATitleTakesItUnlessOneWasGiven() {
		byte[] docx = io.knowledgecloud.ingest.internal.SampleDocuments.docx("Quarterly Safety Review");
		String named = api.post(path("")).token(owner.accessToken()).multipart("report-final-v3.docx", docx, Map.of())
			.send()
			.get("id");
		Response indexed = Api.eventually(java.time.Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/" + named)).token(owner.accessToken()).send();
			return r.get("status").equals("INDEXED") && r.get("title").equals("Quarterly Safety Review") ? r : null;
		});
		assertThat(indexed.get("file_name")).isEqualTo("report-final-v3.docx");
		// search learns the title too
		String generation = indexing.generationFor(embeddings.modelId());
		Api.eventually(() -> indexing.chunks(generation, UUID.fromString(ws), UUID.fromString(named)).stream()
			.allMatch(c -> c.title().equals("Quarterly Safety Review")) ? true : null);

		String titled = api.post(path("")).token(owner.accessToken())
			.multipart("other.docx", io.knowledgecloud.ingest.internal.SampleDocuments.docx("Declared Title"),
					Map.of("title", "My own title"))
			.send()
			.get("id");
		assertThat(awaitFinal(titled).get("title")).isEqualTo("My own title");
	}

	@Test
	void permanentFailuresEndFailedWithTheirCodeOverHttp() {
		Map<String, byte[]> files = Map.of("secret.pdf", io.knowledgecloud.ingest.internal.SampleDocuments.encryptedPdf(),
				"scan.pdf", io.knowledgecloud.ingest.internal.SampleDocuments.blankPdf(2), "picture.png",
				io.knowledgecloud.ingest.internal.SampleDocuments.png());
		Map<String, String> expected = Map.of("secret.pdf", "encrypted_file", "scan.pdf", "no_text", "picture.png", "no_text");
		files.forEach((name, bytes) -> {
			Response uploaded = api.post(path("")).token(owner.accessToken()).multipart(name, bytes, Map.of()).send();
			assertThat(uploaded.status()).as(name).isEqualTo(202);
			Response failed = awaitFinal(uploaded.get("id"));
			assertThat(failed.get("status")).as(name).isEqualTo("FAILED");
			assertThat(failed.json().path("failure").path("code").asString()).as(name).isEqualTo(expected.get(name));
		});
	}

	@Test
	void accessListChangesReachTheIndexAtOnce() {
		String id = upload("acl.md", "# Budget\n\n" + "The budget for next year grows by four percent. ".repeat(30))
			.get("id");
		assertThat(awaitFinal(id).get("status")).isEqualTo("INDEXED");
		String generation = indexing.generationFor(embeddings.modelId());
		UUID document = UUID.fromString(id);
		UUID workspace = UUID.fromString(ws);
		assertThat(indexing.chunks(generation, workspace, document)).allSatisfy(c -> assertThat(c.allowedUsers()).isEmpty());

		String etag = api.get(path("/" + id)).token(owner.accessToken()).send().header("ETag");
		Response patched = api.patch(path("/" + id)).token(owner.accessToken()).header("If-Match", etag)
			.json(Map.of("title", "Budget (restricted)", "tags", java.util.List.of("finance"), "allowed_users",
					java.util.List.of(owner.id())))
			.send();
		assertThat(patched.status()).isEqualTo(200);
		var chunks = Api.eventually(() -> {
			var now = indexing.chunks(generation, workspace, document);
			return !now.isEmpty() && now.getFirst().allowedUsers().contains(UUID.fromString(owner.id())) ? now : null;
		});
		assertThat(chunks).allSatisfy(c -> {
			assertThat(c.allowedUsers()).containsExactly(UUID.fromString(owner.id()));
			assertThat(c.title()).isEqualTo("Budget (restricted)");
			assertThat(c.tags()).containsExactly("finance");
			assertThat(c.vector()).hasSize(embeddings.dimension());
		});
		assertThat(chunks).hasSize(awaitFinal(id).json().path("chunk_count").asInt());
	}

	@Test
	void nearDuplicatesAreMarked() {
		String text = "# Policy\n\n" + "Employees may work remotely up to three days per week with approval. ".repeat(40);
		String original = upload("policy.md", text).get("id");
		assertThat(awaitFinal(original).json().path("near_duplicate_of").isNull()).isTrue();
		String copy = upload("policy-copy.md", text.replaceFirst("three days", "3 days") + " Thanks.").get("id");
		Response indexed = awaitFinal(copy);
		assertThat(indexed.get("status")).isEqualTo("INDEXED");
		assertThat(indexed.get("near_duplicate_of")).isEqualTo(original);
		String unrelated = upload("other.md", "# Lunch\n\n" + "The cafeteria serves soup on Mondays. ".repeat(40))
			.get("id");
		assertThat(awaitFinal(unrelated).json().path("near_duplicate_of").isNull()).isTrue();
	}

	@Test
	void aCorruptFileFailsWithAClearCode() {
		byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without end".getBytes(StandardCharsets.UTF_8);
		String id = api.post(path("")).token(owner.accessToken()).multipart("broken.pdf", corrupt, Map.of()).send()
			.get("id");
		Response failed = awaitFinal(id);
		assertThat(failed.get("status")).isEqualTo("FAILED");
		assertThat(failed.json().path("failure").path("code").asString()).isIn("corrupt_file", "no_text");
		assertThat(failed.json().path("failure").path("message").asString()).isNotBlank();
	}

	private Response awaitFinal(String id) {
		return Api.eventually(java.time.Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/" + id)).token(owner.accessToken()).send();
			String status = r.get("status");
			return status.equals("INDEXED") || status.equals("FAILED") ? r : null;
		});
	}

	private Response upload(String name, String content) {
		return api.post(path("")).token(owner.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + "/documents" + suffix;
	}
}
