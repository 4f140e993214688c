package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.document.cli.ImportCommand;
import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.platform.Digests;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Bulk import of BEIR corpus.jsonl files over HTTP and with the command-line client; resume after a crash. */
@IntegrationTest
class BulkImportIT {

	private final Api api;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	BlobStore blobs;
	private Api.User owner;
	private String ws;

	BulkImportIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("import");
		ws = api.createWorkspace(owner, "Import");
	}

	@Test
	void aCorpusBecomesOneDocumentPerLineWithDuplicatesAndErrorsCounted() {
		String corpus = String.join("\n",
				line("d1", "Tides", "The moon pulls the oceans."),
				line("d2", "", "A line without a title."),
				line("d3", "Orbits", "Planets go round the sun."),
				line("d1-again", "Tides", "The moon pulls the oceans."),
				"{not json",
				"",
				"{\"title\": \"no id\", \"text\": \"lost\"}",
				line("d4", "Last", "The last line.")) + "\n";
		Response started = api.post(path("/imports")).token(owner.accessToken())
			.multipart("corpus.jsonl", corpus.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.header("Location")).endsWith("/imports/" + started.get("id"));
		JsonNode done = awaitImport(started.get("id"));
		assertThat(done.path("state").asString()).isEqualTo("done");
		assertThat(done.path("lines_read").asLong()).isEqualTo(8);
		assertThat(done.path("created").asLong()).isEqualTo(4);
		assertThat(done.path("duplicates").asLong()).isEqualTo(1);
		assertThat(done.path("failed").asLong()).isEqualTo(2);
		assertThat(done.path("errors").values()).extracting(e -> e.path("line").asLong()).containsExactly(5L, 7L);

		JsonNode docs = api.get(path("/documents?sort=title&limit=10")).token(owner.accessToken()).send().json()
			.path("items");
		assertThat(docs.values()).extracting(d -> d.path("title").asString())
			.containsExactly("Last", "Orbits", "Tides", "d2"); // binary order: upper case first
		assertThat(docs.values()).extracting(d -> d.path("file_name").asString())
			.containsExactly("d4.txt", "d3.txt", "d1.txt", "d2.txt");
		// the server wrote these texts itself: plain text, whatever their words look like
		assertThat(docs.values()).extracting(d -> d.path("media_type").asString()).containsOnly("text/plain");
		String tides = docs.get(2).path("id").asString();
		assertThat(api.get(path("/documents/" + tides + "/content")).token(owner.accessToken()).send().text())
			.isEqualTo("Tides\n\nThe moon pulls the oceans.");

		Api.User viewer = api.signUp("import-viewer");
		api.addMember(owner, ws, viewer, "viewer");
		assertThat(api.post(path("/imports")).token(viewer.accessToken())
			.multipart("c.jsonl", corpus.getBytes(StandardCharsets.UTF_8), Map.of()).send().code())
			.isEqualTo("insufficient_role");
		assertThat(api.get(path("/imports/" + UUID.randomUUID())).token(owner.accessToken()).send().code())
			.isEqualTo("import_not_found");
	}

	@Test
	void anImportWhoseWorkerDiedResumesAfterTheLastCommittedLine() throws Exception {
		String corpus = String.join("\n", line("r1", "One", "first"), line("r2", "Two", "second"),
				line("r3", "Three", "third"), line("r4", "Four", "fourth")) + "\n";
		Path file = Files.createTempFile("corpus", ".jsonl");
		Files.writeString(file, corpus);
		String key = Digests.sha256Hex(corpus);
		blobs.put(key, file, "application/x-ndjson");
		Files.delete(file);
		UUID id = UUID.randomUUID();
		// lines 1 and 2 committed (their documents are elsewhere), then the worker was killed
		jdbc.sql("""
				INSERT INTO document_imports (id, workspace_id, created_by, blob_key, file_name, state, lines_read, created,
				  locked_by, locked_until, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'corpus.jsonl', 'RUNNING', 2, 2, 'killed-worker', ?, ?, ?)""")
			.params(id, UUID.fromString(ws), UUID.fromString(owner.id()), key,
					Timestamp.from(Instant.now().minusSeconds(1)), Timestamp.from(Instant.now()),
					Timestamp.from(Instant.now()))
			.update();

		JsonNode done = awaitImport(id.toString());
		assertThat(done.path("state").asString()).isEqualTo("done");
		assertThat(done.path("lines_read").asLong()).isEqualTo(4);
		assertThat(done.path("created").asLong()).isEqualTo(4);
		assertThat(api.get(path("/documents")).token(owner.accessToken()).send().json().path("items").values())
			.extracting(d -> d.path("title").asString())
			.containsExactlyInAnyOrder("Three", "Four");
	}

	@Test
	void theCommandImportsADirectoryOrAJsonlWithAnApiKey() throws Exception {
		String key = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "importer", "scope", "write"))
			.send()
			.get("secret");
		Path dir = Files.createTempDirectory("kc-import-");
		Files.writeString(dir.resolve("a.md"), "# A\n\nfirst file");
		Files.createDirectories(dir.resolve("sub"));
		Files.writeString(dir.resolve("sub/b.txt"), "second file");
		Files.writeString(dir.resolve(".hidden"), "skipped");
		String url = "http://localhost:" + api.port();

		var out = new ByteArrayOutputStream();
		int status = ImportCommand.run(new String[] { "--url", url, "--api-key", key, "--workspace", ws, "--tags",
				"imported", dir.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertThat(status).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("100% 2/2 files").contains("Created 2, duplicates 0");
		assertThat(api.get(path("/documents?tag=imported")).token(owner.accessToken()).send().json().path("items")
			.size()).isEqualTo(2);

		// again: everything is a duplicate now
		out.reset();
		assertThat(ImportCommand.run(new String[] { "--url", url, "--api-key", key, "--workspace", ws, dir.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Created 0, duplicates 2");

		Path corpus = dir.resolve("corpus.jsonl");
		Files.writeString(corpus, line("c1", "Cli one", "text one") + "\n" + line("c2", "Cli two", "text two") + "\n");
		out.reset();
		assertThat(ImportCommand.run(new String[] { "--url", url, "--api-key", key, "--workspace", ws,
				corpus.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("100% 2/2 lines").contains("Created 2");

		var err = new ByteArrayOutputStream();
		assertThat(ImportCommand.run(new String[] { "--url", url, "--api-key", "kc_wrong", "--workspace", ws,
				dir.toString() }, new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(3);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("401 unauthenticated");
		assertThat(ImportCommand.run(new String[] { "--url", url }, new PrintStream(out), new PrintStream(err)))
			.isEqualTo(2);
	}

	private JsonNode awaitImport(String id) {
		return Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode status = api.get(path("/imports/" + id)).token(owner.accessToken()).send().json();
			return List.of("done", "failed").contains(status.path("state").asString()) ? status : null;
		});
	}

	private static String line(String id, String title, String text) {
		return "{\"_id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text + "\"}";
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + suffix;
	}
}
