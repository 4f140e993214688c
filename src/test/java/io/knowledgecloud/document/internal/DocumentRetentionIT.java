package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Retention: at most {@code versions-kept} versions, deleted documents purged after
 * {@code deleted-retention}, blobs deleted once nothing refers to them, one replica at a time.
 * The job is run with a {@code now} in the future instead of waiting.
 */
@IntegrationTest
class DocumentRetentionIT {

	private final Api api;
	@Autowired
	DocumentPurge purge;
	@Autowired
	BlobStore blobs;
	@Autowired
	JdbcClient jdbc;
	@Autowired
	MeterRegistry meters;
	@Autowired
	DocumentSettings settings;
	private Api.User owner;
	private String ws;

	DocumentRetentionIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("retention");
		ws = api.createWorkspace(owner, "Retention");
	}

	@Test
	void onlyTheNewestVersionsAreKeptAndUnsharedBlobsGo() throws Exception {
		int kept = settings.versionsKept();
		String id = upload("v.txt", "version 1 " + UUID.randomUUID()).get("id");
		String firstSha = api.get(path("/" + id + "/versions")).token(owner.accessToken()).send().json().get(0)
			.path("sha256").asString();
		// version 2 has the same bytes as another document, so its blob must survive
		String shared = "shared content " + UUID.randomUUID();
		String sharedSha = upload("other.txt", shared).get("sha256");
		newVersion(id, shared);
		for (int v = 3; v <= kept + 2; v++) {
			newVersion(id, "version " + v + " " + UUID.randomUUID());
		}
		var versions = api.get(path("/" + id + "/versions")).token(owner.accessToken()).send().json();
		assertThat(versions.size()).isEqualTo(kept);
		assertThat(versions.get(0).path("version").asInt()).isEqualTo(kept + 2);
		assertThat(versions.get(kept - 1).path("version").asInt()).isEqualTo(3);
		assertThat(api.get(path("/" + id + "/content?version=1")).token(owner.accessToken()).send().code())
			.isEqualTo("version_not_found");

		// the blobs stay for the grace period (an upload of the same bytes may be committing), then go
		assertThat(blobs.exists(firstSha)).isTrue();
		purge.run(Instant.now());
		assertThat(blobs.exists(firstSha)).isTrue();
		DocumentPurge.Report later = purge.run(Instant.now().plus(DocumentPurge.ORPHAN_GRACE).plusSeconds(60));
		assertThat(later.ran()).isTrue();
		assertThat(blobs.exists(firstSha)).isFalse();
		assertThat(blobs.exists(sharedSha)).as("still used by the other document").isTrue();
		assertThat(api.get(path("/" + id + "/content")).token(owner.accessToken()).send().status()).isEqualTo(200);
	}

	@Test
	void deletedDocumentsArePurgedAfterTheRetentionPeriod() throws Exception {
		Response gone = upload("gone.txt", "to be purged " + UUID.randomUUID());
		String content = "kept in another workspace " + UUID.randomUUID();
		Response alsoGone = upload("copy.txt", content);
		String otherWs = api.createWorkspace(owner, "Other");
		Response survivor = api.post("/api/v1/workspaces/" + otherWs + "/documents").token(owner.accessToken())
			.multipart("copy.txt", content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(survivor.get("sha256")).isEqualTo(alsoGone.get("sha256"));
		for (Response r : new Response[] { gone, alsoGone }) {
			assertThat(api.delete(path("/" + r.get("id"))).token(owner.accessToken()).send().status()).isEqualTo(204);
		}
		double before = meters.counter("kc.documents.purged", "what", "documents").count();

		purge.run(Instant.now());
		assertThat(rows(gone.get("id"))).as("within the retention period").isEqualTo(1);

		Instant afterRetention = Instant.now().plus(settings.deletedRetention()).plusSeconds(60);
		DocumentPurge.Report report = purge.run(afterRetention);
		assertThat(report.documents()).isGreaterThanOrEqualTo(2);
		assertThat(rows(gone.get("id"))).isZero();
		assertThat(rows(alsoGone.get("id"))).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM document_versions WHERE document_id = ?")
			.param(UUID.fromString(gone.get("id"))).query(Long.class).single()).isZero();
		assertThat(meters.counter("kc.documents.purged", "what", "documents").count()).isGreaterThanOrEqualTo(before + 2);

		purge.run(afterRetention.plus(DocumentPurge.ORPHAN_GRACE).plusSeconds(60));
		assertThat(blobs.exists(gone.get("sha256"))).isFalse();
		assertThat(blobs.exists(alsoGone.get("sha256"))).as("the other workspace's document uses it").isTrue();
		assertThat(api.get("/api/v1/workspaces/" + otherWs + "/documents/" + survivor.get("id") + "/content")
			.token(owner.accessToken()).send().text()).isEqualTo(content);
		// the ingest module forgets its jobs of purged documents
		Api.eventually(() -> jdbc.sql("SELECT COUNT(*) FROM ingest_jobs WHERE document_id = ?")
			.param(UUID.fromString(gone.get("id"))).query(Long.class).single() == 0 ? true : null);
		// and a second run finds nothing more to do
		assertThat(purge.run(afterRetention.plus(DocumentPurge.ORPHAN_GRACE).plusSeconds(60)).documents()).isZero();
	}

	@Test
	void oneReplicaAtATimeAndOnlyOperatorsByHand() {
		purge.run(Instant.now()); // creates the lock row
		jdbc.sql("UPDATE platform_locks SET locked_by = 'another-replica', locked_until = ? WHERE name = 'document-purge'")
			.param(java.sql.Timestamp.from(Instant.now().plus(Duration.ofMinutes(5))))
			.update();
		try {
			assertThat(purge.run(Instant.now()).ran()).isFalse();
		}
		finally {
			jdbc.sql("UPDATE platform_locks SET locked_by = NULL, locked_until = ? WHERE name = 'document-purge'")
				.param(java.sql.Timestamp.from(Instant.EPOCH))
				.update();
		}
		Response refused = api.post("/api/v1/admin/documents/purge").token(owner.accessToken()).send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("system_admins_only");
		Response login = api.login("root@knowledgecloud.test", Api.PASSWORD);
		String token = login.status() == 200 ? login.get("access_token")
				: api.signUp("root@knowledgecloud.test", Api.PASSWORD).accessToken();
		Response ran = api.post("/api/v1/admin/documents/purge").token(token).send();
		assertThat(ran.status()).isEqualTo(200);
		assertThat(ran.json().path("ran").asBoolean()).isTrue();
	}

	private long rows(String id) {
		return jdbc.sql("SELECT COUNT(*) FROM document_documents WHERE id = ?").param(UUID.fromString(id))
			.query(Long.class).single();
	}

	private void newVersion(String id, String content) {
		Response r = api.put(path("/" + id + "/content")).token(owner.accessToken())
			.multipart("v.txt", content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(r.status()).isEqualTo(202);
	}

	private Response upload(String name, String content) {
		Response r = api.post(path("")).token(owner.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(r.status()).isEqualTo(202);
		return r;
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + "/documents" + suffix;
	}
}
