package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import io.knowledgecloud.support.LocalS3;

/**
 * Documents on S3 storage (S3Proxy in this JVM, checking V4 signatures): download URLs are S3's own
 * pre-signed URLs, signed uploads land in the bucket, and documents go through ingestion to search
 * and new versions like on the filesystem. This context also has small quotas (2 documents, 64 KB
 * per workspace), so {@code quota_exceeded} is tested here rather than in a context of its own.
 */
@IntegrationTest
class S3StorageAndQuotasIT {

	private static LocalS3 s3;
	private static URI endpoint;
	private final Api api;

	S3StorageAndQuotasIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) throws Exception {
		s3 = LocalS3.start("links-access", "links-secret");
		endpoint = s3.endpoint();
		registry.add("kc.storage.type", () -> "s3");
		registry.add("kc.storage.s3.endpoint", endpoint::toString);
		registry.add("kc.storage.s3.bucket", () -> "kc-links");
		registry.add("kc.storage.s3.access-key", () -> "links-access");
		registry.add("kc.storage.s3.secret-key", () -> "links-secret");
		registry.add("kc.storage.s3.path-style", () -> "true");
		registry.add("kc.storage.s3.create-bucket", () -> "true");
		registry.add("kc.documents.max-documents-per-workspace", () -> "2");
		registry.add("kc.documents.max-bytes-per-workspace", () -> "64KB");
	}

	@AfterAll
	static void stop() throws Exception {
		if (s3 != null) {
			s3.close();
		}
	}

	@Test
	void downloadUrlsArePresignedByS3AndUploadUrlsStoreInTheBucket() throws Exception {
		Api.User owner = api.signUp("s3-links");
		String ws = api.createWorkspace(owner, "S3 links");
		String upload = api.post("/api/v1/workspaces/" + ws + "/documents/upload-url").token(owner.accessToken()).send()
			.get("url");
		Api.Response created = api.put(upload.substring(("http://localhost:" + api.port()).length()) + "?file_name=s3.txt")
			.raw("stored in the bucket", "text/plain")
			.send();
		assertThat(created.status()).isEqualTo(202);

		String url = api.post("/api/v1/workspaces/" + ws + "/documents/" + created.get("id") + "/download-url")
			.token(owner.accessToken())
			.send()
			.get("url");
		assertThat(url).startsWith(endpoint + "/kc-links/blobs/").contains("X-Amz-Signature=");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("stored in the bucket");
		assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("s3.txt");
		assertThat(api.get("/api/v1/workspaces/" + ws + "/documents/" + created.get("id") + "/content")
			.token(owner.accessToken())
			.send()
			.text()).isEqualTo("stored in the bucket");
	}

	@Test
	void documentsOnS3AreIndexedSearchedAndVersioned() {
		Api.User owner = api.signUp("s3-ingest");
		String ws = api.createWorkspace(owner, "S3 ingest");
		String docs = "/api/v1/workspaces/" + ws + "/documents";
		String id = api.post(docs).token(owner.accessToken())
			.multipart("tides.md", "# Tides\n\nThe moon's gravity raises the tides twice a day.".getBytes(), java.util.Map.of())
			.send()
			.get("id");
		Api.eventually(java.time.Duration.ofSeconds(60), () -> "INDEXED".equals(
				api.get(docs + "/" + id).token(owner.accessToken()).send().get("status")) ? true : null);
		Api.Response hits = api.get("/api/v1/workspaces/" + ws + "/search?q=why+are+there+tides").token(owner.accessToken())
			.send();
		assertThat(hits.json().path("items").get(0).path("document_id").asString()).isEqualTo(id);

		Api.Response v2 = api.put(docs + "/" + id + "/content").token(owner.accessToken())
			.multipart("tides.md", "# Tides\n\nSpring tides come with the full and the new moon.".getBytes(), java.util.Map.of())
			.send();
		assertThat(v2.status()).isEqualTo(202);
		Api.eventually(java.time.Duration.ofSeconds(60), () -> api.get(docs + "/" + id).token(owner.accessToken()).send()
			.json().path("indexed_version").asInt() == 2 ? true : null);
		assertThat(api.get(docs + "/" + id + "/content").token(owner.accessToken()).send().text())
			.contains("Spring tides");
		assertThat(api.get(docs + "/" + id + "/content?version=1").token(owner.accessToken()).send().text())
			.contains("twice a day");
	}

	@Test
	void quotasOfDocumentsAndBytesAreProblemsAndStoreNothing() {
		Api.User owner = api.signUp("s3-quota");
		String ws = api.createWorkspace(owner, "Quota");
		String docs = "/api/v1/workspaces/" + ws + "/documents";
		for (int i = 0; i < 2; i++) {
			assertThat(api.post(docs).token(owner.accessToken())
				.multipart("n" + i + ".txt", ("note number " + i).getBytes(), java.util.Map.of())
				.send()
				.status()).isEqualTo(202);
		}
		Api.Response third = api.post(docs).token(owner.accessToken())
			.multipart("n2.txt", "one too many".getBytes(), java.util.Map.of())
			.send();
		assertThat(third.status()).isEqualTo(403);
		assertThat(third.get("code")).isEqualTo("quota_exceeded");
		assertThat(third.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.get(docs).token(owner.accessToken()).send().json().path("items")).hasSize(2);

		// bytes: a second workspace, one file that fits and one that would pass 64 KB
		String other = api.createWorkspace(owner, "Bytes");
		String otherDocs = "/api/v1/workspaces/" + other + "/documents";
		assertThat(api.post(otherDocs).token(owner.accessToken())
			.multipart("a.txt", "a".repeat(40_000).getBytes(), java.util.Map.of())
			.send()
			.status()).isEqualTo(202);
		Api.Response big = api.post(otherDocs).token(owner.accessToken())
			.multipart("b.txt", "b".repeat(40_000).getBytes(), java.util.Map.of())
			.send();
		assertThat(big.status()).isEqualTo(403);
		assertThat(big.get("code")).isEqualTo("quota_exceeded");
		assertThat(api.get(otherDocs).token(owner.accessToken()).send().json().path("items")).hasSize(1);
	}
}
