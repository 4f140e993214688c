package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.knowledgecloud.document.spi.BlobStore;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects in one S3 bucket, keyed {@code blobs/<key>}. A small file is one PUT; a file
 * above the multipart threshold is uploaded in parts, sequentially, each part re-read from the
 * file on a retry, and the upload is aborted when any step fails so no orphaned parts are billed.
 * Both are atomic on the server: the object appears only when the PUT or the completion succeeds.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

	static final String ID = "s3";

	private static final String PREFIX = "blobs/";

	/** S3 allows at most this many parts per upload. */
	private static final long MAX_PARTS = 10_000;

	private final S3Client s3;

	private final S3Presigner presigner;

	private final String bucket;

	private final long multipartThreshold;

	S3BlobStore(DocumentStorageSettings.S3 settings) {
		this(S3Clients.client(settings), S3Clients.presigner(settings), Objects.requireNonNull(settings.bucket(), "kc.storage.s3.bucket"),
				settings.multipartThreshold().toBytes());
	}

	S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, long multipartThreshold) {
		this.s3 = s3;
		this.presigner = presigner;
		this.bucket = bucket;
		this.multipartThreshold = Math.max(multipartThreshold, DocumentStorageSettings.S3.MIN_PART.toBytes());
	}

	@Override
	public String id() {
		return ID;
	}

	void createBucketIfMissing() throws IOException {
		S3Clients.createBucketIfMissing(s3, bucket);
	}

	@Override
	public void put(String key, Path file, String contentType) throws IOException {
		String object = object(key);
		if (exists(key)) {
			return;
		}
		long size = Files.size(file);
		try {
			// the SDK asks the content provider for a fresh stream on every attempt, so retries re-read the file
			if (size <= multipartThreshold) {
				s3.putObject(b -> b.bucket(bucket).key(object).contentType(contentType).contentLength(size),
						RequestBody.fromContentProvider(() -> FileRangeInputStream.open(file, 0, size), size, contentType));
			}
			else {
				putMultipart(object, file, size, contentType);
			}
		}
		catch (SdkException e) {
			throw io("Cannot store blob " + key, e);
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
	}

	private void putMultipart(String object, Path file, long size, String contentType) {
		long partSize = Math.max(multipartThreshold, Math.ceilDiv(size, MAX_PARTS));
		String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(object).contentType(contentType))
				.uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long offset = 0; offset < size; offset += partSize, number++) {
				long start = offset;
				long length = Math.min(partSize, size - offset);
				int partNumber = number;
				String etag = s3.uploadPart(
						b -> b.bucket(bucket).key(object).uploadId(uploadId).partNumber(partNumber)
								.contentLength(length),
						RequestBody.fromContentProvider(() -> FileRangeInputStream.open(file, start, length), length,
								contentType))
						.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
			}
			s3.completeMultipartUpload(
					b -> b.bucket(bucket).key(object).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
		}
		catch (RuntimeException e) {
			try {
				s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
			}
			catch (RuntimeException abortFailed) {
				e.addSuppressed(abortFailed);
			}
			throw e;
		}
	}

	@Override
	public boolean exists(String key) throws IOException {
		return head(key).isPresent();
	}

	@Override
	public Optional<Long> size(String key) throws IOException {
		return head(key).map(HeadObjectResponse::contentLength);
	}

	private Optional<HeadObjectResponse> head(String key) throws IOException {
		String object = object(key);
		try {
			return Optional.of(s3.headObject(b -> b.bucket(bucket).key(object)));
		}
		catch (NoSuchKeyException missing) {
			return Optional.empty();
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) { // HEAD has no body, so the SDK cannot always name the error
				return Optional.empty();
			}
			throw io("Cannot read blob " + key, e);
		}
		catch (SdkException e) {
			throw io("Cannot read blob " + key, e);
		}
	}

	@Override
	public InputStream open(String key, long offset, long length) throws IOException {
		String object = object(key);
		BlobKeys.requireValidOffset(offset);
		if (length == 0) { // S3 cannot express an empty range
			if (!exists(key)) {
				throw new NoSuchFileException(key);
			}
			return InputStream.nullInputStream();
		}
		boolean toEnd = length < 0 || length > Long.MAX_VALUE - offset;
		@Nullable String range = offset == 0 && toEnd ? null
				: "bytes=" + offset + "-" + (toEnd ? "" : String.valueOf(offset + length - 1));
		try {
			return s3.getObject(b -> b.bucket(bucket).key(object).range(range));
		}
		catch (NoSuchKeyException missing) {
			throw new NoSuchFileException(key);
		}
		catch (S3Exception e) {
			if (e.statusCode() == 416) { // the range starts at or past the end (or the blob is empty)
				if (!exists(key)) {
					throw new NoSuchFileException(key);
				}
				return InputStream.nullInputStream();
			}
			throw io("Cannot read blob " + key, e);
		}
		catch (SdkException e) {
			throw io("Cannot read blob " + key, e);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		String object = object(key);
		try {
			s3.deleteObject(b -> b.bucket(bucket).key(object));
		}
		catch (NoSuchKeyException missing) {
			// already gone; S3 itself answers 204 here, some compatible servers 404
		}
		catch (SdkException e) {
			throw io("Cannot delete blob " + key, e);
		}
	}

	@Override
	public Optional<URI> presignedDownload(String key, Duration ttl, String fileName, String contentType) {
		String object = object(key);
		String disposition = ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build()
				.toString();
		var presigned = presigner.presignGetObject(p -> p.signatureDuration(ttl)
				.getObjectRequest(g -> g.bucket(bucket).key(object).responseContentDisposition(disposition)
						.responseContentType(contentType)));
		try {
			return Optional.of(presigned.url().toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException("The SDK presigned an invalid URL", e);
		}
	}

	@Override
	public void close() {
		presigner.close();
		s3.close();
	}

	private static String object(String key) {
		return PREFIX + BlobKeys.requireValid(key);
	}

	private static IOException io(String message, SdkException cause) {
		return new IOException(message + ": " + cause.getMessage(), cause);
	}
}
