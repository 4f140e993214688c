package io.knowledgecloud.document.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where document bytes live. Keys are content addresses: the SHA-256 of the bytes in lower-case
 * hex (64 characters), computed by the caller while it streams the upload. A put is therefore
 * idempotent and the same content is stored once. Every method refuses any other key with an
 * {@link IllegalArgumentException}, so a key can never name a path or object outside the store.
 * Adapters: {@code filesystem} (default, under the data directory) and {@code s3}. Both pass
 * {@code BlobStoreContract}.
 */
public interface BlobStore {

	/** Stable adapter id, e.g. {@code filesystem}, {@code s3}. */
	String id();

	/**
	 * Stores the file's bytes under {@code key}. Atomic: readers see the whole blob or none, also
	 * when the put fails or the process dies half-way. Storing an existing key again is a no-op.
	 */
	void put(String key, Path file, String contentType) throws IOException;

	boolean exists(String key) throws IOException;

	/** Size in bytes, or empty when there is no such blob. */
	Optional<Long> size(String key) throws IOException;

	/**
	 * Opens bytes {@code [offset, offset + length)} of the blob ({@code length < 0}: to the end).
	 * A range that reaches past the end is cut at the end; one that starts at or past the end
	 * reads nothing. The caller closes the stream.
	 *
	 * @throws java.nio.file.NoSuchFileException when there is no such blob
	 * @throws IllegalArgumentException for an invalid key or a negative offset
	 */
	InputStream open(String key, long offset, long length) throws IOException;

	/** Deletes the blob; deleting a missing key is a no-op. */
	void delete(String key) throws IOException;

	/**
	 * A URL the client can download from directly, valid for {@code ttl}, when the store supports
	 * it natively (S3 pre-signed URLs); empty otherwise (the document module then signs its own).
	 * The response names {@code fileName} as an attachment and carries {@code contentType}.
	 */
	Optional<URI> presignedDownload(String key, Duration ttl, String fileName, String contentType);
}
