package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;

/**
 * With {@code kc.storage.type=s3} a download URL is S3's own pre-signed URL (here S3Proxy's,
 * which checks V4 signatures), and signed uploads land in the bucket.
 */
@IntegrationTest
class S3SignedUrlsIT {

	private static Path directory;
	private static BlobStoreContext jclouds;
	private static S3Proxy proxy;
	private static URI endpoint;
	private final Api api;

	S3SignedUrlsIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) throws Exception {
		directory = Files.createTempDirectory("kc-s3-links-");
		Properties properties = new Properties();
		properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
		jclouds = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
		proxy = S3Proxy.builder().blobStore(jclouds.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "links-access", "links-secret").build();
		proxy.start();
		for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
			Thread.sleep(25);
		}
		endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
		registry.add("kc.storage.type", () -> "s3");
		registry.add("kc.storage.s3.endpoint", endpoint::toString);
		registry.add("kc.storage.s3.bucket", () -> "kc-links");
		registry.add("kc.storage.s3.access-key", () -> "links-access");
		registry.add("kc.storage.s3.secret-key", () -> "links-secret");
		registry.add("kc.storage.s3.path-style", () -> "true");
		registry.add("kc.storage.s3.create-bucket", () -> "true");
	}

	@AfterAll
	static void stop() throws Exception {
		if (proxy != null) {
			proxy.stop();
		}
		if (jclouds != null) {
			jclouds.close();
		}
		if (directory != null) {
			FileSystemUtils.deleteRecursively(directory);
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
}
