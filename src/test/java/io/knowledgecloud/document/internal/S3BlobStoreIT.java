package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.support.LocalS3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter against S3Proxy, started in-process on a free loopback port and backed by
 * jclouds' filesystem store in a temporary directory. S3Proxy checks AWS V4 signatures, so the
 * credentials, path-style addressing and presigned URLs are exercised for real. No Spring context,
 * no database.
 */
class S3BlobStoreIT extends BlobStoreContract {

	private static final String ACCESS_KEY = "kc-test-access";

	private static final String SECRET_KEY = "kc-test-secret";

	private static final String BUCKET = "kc-blobs";

	private static LocalS3 s3;

	private static URI endpoint;

	private static S3BlobStore store;

	@BeforeAll
	static void startS3Proxy() throws Exception {
		s3 = LocalS3.start(ACCESS_KEY, SECRET_KEY);
		endpoint = s3.endpoint();
		store = new S3BlobStore(settings(BUCKET, true));
		store.createBucketIfMissing();
	}

	@AfterAll
	static void stopS3Proxy() throws Exception {
		if (store != null) {
			store.close();
		}
		if (s3 != null) {
			s3.close();
		}
	}

	static DocumentStorageSettings.S3 settings(String bucket, boolean createBucket) {
		return new DocumentStorageSettings.S3(endpoint, "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, true,
				createBucket, DataSize.ofMegabytes(16));
	}

	@Override
	BlobStore store() {
		return store;
	}

	@Test
	void hasAStableId() {
		assertThat(store.id()).isEqualTo("s3");
	}

	@Test
	void createsTheBucketOnceAndToleratesAnExistingOne() throws IOException {
		try (S3BlobStore fresh = new S3BlobStore(settings("kc-created-at-start", true))) {
			fresh.createBucketIfMissing();
			fresh.createBucketIfMissing();
			Blob blob = blob(10);

			fresh.put(blob.key(), blob.file(), OCTETS);

			assertThat(fresh.size(blob.key())).contains(10L);
			assertThat(store.exists(blob.key())).as("buckets are separate").isFalse();
		}
	}

	@Test
	void largeFilesAreUploadedInParts() throws IOException {
		Blob blob = blob(40L * 1024 * 1024);

		store.put(blob.key(), blob.file(), OCTETS);

		// a multipart object's ETag is the MD5 of the part MD5s followed by "-<number of parts>"
		try (S3Client raw = rawClient()) {
			String etag = raw.headObject(b -> b.bucket(BUCKET).key("blobs/" + blob.key())).eTag();
			assertThat(etag).endsWith("-3\"");
		}
		assertThat(sha256(blob.key(), 0, -1)).isEqualTo(blob.key());
	}

	@Test
	void aFailedMultipartUploadIsAbortedAndLeavesNoBlob() throws IOException {
		Blob blob = blob(20L * 1024 * 1024);
		try (S3Client raw = rawClient();
				S3BlobStore failing = new S3BlobStore(failingOnSecondPart(raw), S3Clients.presigner(settings(BUCKET, false)), BUCKET,
						DataSize.ofMegabytes(16).toBytes())) {

			assertThatThrownBy(() -> failing.put(blob.key(), blob.file(), OCTETS)).isInstanceOf(IOException.class)
					.hasMessageContaining("part 2 lost");

			assertThat(store.exists(blob.key())).isFalse();
			assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix("blobs/" + blob.key())).uploads())
					.as("uploads left open").isEmpty();
		}
	}

	/** The real client, except that the second UploadPart fails as a dropped connection would. */
	private static S3Client failingOnSecondPart(S3Client real) {
		AtomicInteger parts = new AtomicInteger();
		return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] { S3Client.class },
				(proxy, method, args) -> {
					if (method.getName().equals("uploadPart") && parts.incrementAndGet() == 2) {
						throw SdkClientException.create("part 2 lost");
					}
					try {
						return method.invoke(real, args);
					}
					catch (InvocationTargetException e) {
						throw e.getCause();
					}
				});
	}


	@Test
	void smallFilesAreOnePut() throws IOException {
		Blob blob = blob(1000);

		store.put(blob.key(), blob.file(), "text/plain");

		try (S3Client raw = rawClient()) {
			var head = raw.headObject(b -> b.bucket(BUCKET).key("blobs/" + blob.key()));
			assertThat(head.eTag()).doesNotContain("-");
			assertThat(head.contentType()).isEqualTo("text/plain");
		}
	}

	@Test
	void aPresignedUrlDownloadsTheBytesAsAnAttachment() throws Exception {
		Blob blob = blob(5000);
		store.put(blob.key(), blob.file(), OCTETS);

		URI url = store.presignedDownload(blob.key(), Duration.ofMinutes(5), "Rapport é.pdf", "application/pdf")
				.orElseThrow();

		assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
		assertThat(url.getPath()).isEqualTo("/" + BUCKET + "/blobs/" + blob.key());
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(Files.readAllBytes(blob.file()));
			assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
			assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
					disposition -> assertThat(disposition).startsWith("attachment;").contains("UTF-8''Rapport%20%C3%A9.pdf"));

			URI tampered = URI.create(url.toString().replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));
			assertThat(http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode()).as("a tampered URL").isEqualTo(403);
		}
	}

	@Test
	void wrongCredentialsAreRefused() {
		DocumentStorageSettings.S3 wrong = new DocumentStorageSettings.S3(endpoint, "us-east-1", BUCKET, ACCESS_KEY,
				"not-the-secret", true, false, DataSize.ofMegabytes(16));
		try (S3BlobStore intruder = new S3BlobStore(wrong)) {
			assertThatThrownBy(() -> intruder.exists(blob(10).key()))
					.isInstanceOf(IOException.class);
		}
	}

	/** A client configured exactly as the adapter's, for looking behind it. */
	private static S3Client rawClient() {
		return S3Clients.client(settings(BUCKET, false));
	}
}
