package io.knowledgecloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.PackagedServer;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.RequiredServices;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar is killed with SIGKILL in the middle of ingestion and started again on the same
 * data directory and database: every document ends up indexed, each with exactly its chunks in
 * the index (none lost, none twice); and what it acknowledged just before a kill is still there.
 * Runs the real jar in a child process, so it needs {@code package} to have run (failsafe runs
 * after it).
 */
@ExtendWith(RequiredServices.class)
class CrashRecoveryIT {

	private static final int DOCUMENTS = 24;

	private PackagedServer server;

	@AfterEach
	void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void killNineDuringIngestionLosesAndDuplicatesNothing() throws Exception {
		server = PackagedServer.start("crash", Map.of("KC_INGEST_LEASE", "3s"));
		Api api = server.api();
		Api.User owner = api.signUp("crash");
		String ws = api.createWorkspace(owner, "Crash");
		String base = "/api/v1/workspaces/" + ws + "/documents";
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			Response r = api.post(base).token(owner.accessToken())
				.multipart("doc" + i + ".md", document(i).getBytes(StandardCharsets.UTF_8), Map.of())
				.send();
			assertThat(r.status()).as(r.toString()).isEqualTo(202);
			ids.add(r.get("id"));
		}
		// kill as soon as ingestion is under way but not finished
		Api.eventually(Duration.ofSeconds(60), () -> indexed(api, owner, base, ids) >= 2 ? true : null);
		int before = indexed(api, owner, base, ids);
		server.kill();
		assertThat(before).as("killed mid-ingestion").isLessThan(DOCUMENTS);

		server.start();
		Api.eventually(Duration.ofSeconds(180), () -> indexed(api, owner, base, ids) == DOCUMENTS ? true : null);
		Set<String> allChunks = new HashSet<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			JsonNode doc = api.get(base + "/" + ids.get(i)).token(owner.accessToken()).send().json();
			int chunkCount = doc.path("chunk_count").asInt();
			assertThat(chunkCount).isGreaterThan(1);
			JsonNode hits = api.get("/api/v1/workspaces/" + ws + "/search?mode=keyword&collapse=none&limit=100&q=marker"
					+ i + "x&document=" + ids.get(i)).token(owner.accessToken()).send().json().path("items");
			List<String> chunkIds = new ArrayList<>();
			hits.forEach(h -> chunkIds.add(h.path("chunk_id").asString()));
			assertThat(chunkIds).as("chunks of document %d in the index", i).hasSize(chunkCount).doesNotHaveDuplicates();
			allChunks.addAll(chunkIds);
		}
		assertThat(allChunks).doesNotHaveDuplicates();
	}

	@Test
	void whatTheServerAcknowledgedSurvivesAKillRightAfterIt() throws Exception {
		// a job the killed worker had claimed, or an event it had not yet handled, is taken up again
		// within seconds instead of the production defaults' minutes
		server = PackagedServer.start("crash-ack", Map.of("KC_INGEST_LEASE", "3s", "KC_OUTBOX_RESUBMIT_INTERVAL", "PT2S",
				"KC_OUTBOX_RESUBMIT_OLDER_THAN", "PT5S"));
		Api api = server.api();
		Api.User owner = api.signUp("crash-ack");
		String ws = api.createWorkspace(owner, "Acknowledged");
		String base = "/api/v1/workspaces/" + ws + "/documents";
		Response uploaded = api.post(base).token(owner.accessToken())
			.multipart("acknowledged.md", document(0).getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
		// no pause: whatever the server answered before the kill must be on disk
		server.kill();

		server.start();
		Response me = api.get("/api/v1/me").token(owner.accessToken()).send();
		assertThat(me.status()).as("the session and signing key of the sign-up: %s", me).isEqualTo(200);
		Response workspace = api.get("/api/v1/workspaces/" + ws).token(owner.accessToken()).send();
		assertThat(workspace.status()).as(workspace.toString()).isEqualTo(200);
		String document = base + "/" + uploaded.get("id");
		Response stored = api.get(document).token(owner.accessToken()).send();
		assertThat(stored.status()).as("the acknowledged upload: %s", stored).isEqualTo(200);
		try {
			Api.eventually(Duration.ofSeconds(120),
					() -> "INDEXED".equals(api.get(document).token(owner.accessToken()).send().get("status")) ? true : null);
		}
		catch (AssertionError notIndexed) {
			throw new AssertionError("the acknowledged upload was not indexed after the restart: "
					+ api.get(document).token(owner.accessToken()).send() + "\nserver log:\n" + server.tail(), notIndexed);
		}
	}

	private static String document(int i) {
		StringBuilder text = new StringBuilder("# Report " + i + "\n\n");
		for (int section = 0; section < 4; section++) {
			text.append("## Section ").append(section).append("\n\n");
			text.append(("Paragraph about topic " + section + " with marker" + i + "x and some filler words. ").repeat(60));
			text.append("\n\n");
		}
		return text.toString();
	}

	private static int indexed(Api api, Api.User owner, String base, List<String> ids) {
		int n = 0;
		for (String id : ids) {
			Response r = api.get(base + "/" + id).token(owner.accessToken()).send();
			if (r.status() == 200 && "INDEXED".equals(r.get("status"))) {
				n++;
			}
		}
		return n;
	}
}
