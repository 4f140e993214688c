package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import io.knowledgecloud.document.spi.BlobStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} adapter must do. A subclass supplies the store; every test uses
 * fresh random content, so the store may be shared between tests. Large blobs are generated into
 * temporary files and compared by SHA-256 digests, never held in memory.
 */
abstract class BlobStoreContract {

	static final String OCTETS = "application/octet-stream";

	@TempDir
	Path temp;

	private long seed = System.nanoTime();

	/** The adapter under test. */
	abstract BlobStore store();

	@Test
	void putThenExistsSizeAndOpenReturnTheBytes() throws IOException {
		Blob blob = blob(100_000);

		store().put(blob.key(), blob.file(), "text/plain");

		assertThat(store().exists(blob.key())).isTrue();
		assertThat(store().size(blob.key())).contains(100_000L);
		try (InputStream in = store().open(blob.key(), 0, -1)) {
			assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(blob.file()));
		}
	}

	@Test
	void anEmptyBlobIsStoredAndReadsAsNothing() throws IOException {
		Blob blob = blob(0);

		store().put(blob.key(), blob.file(), OCTETS);

		assertThat(store().size(blob.key())).contains(0L);
		try (InputStream whole = store().open(blob.key(), 0, -1);
				InputStream ranged = store().open(blob.key(), 0, 10)) {
			assertThat(whole.readAllBytes()).isEmpty();
			assertThat(ranged.readAllBytes()).isEmpty();
		}
	}

	@Test
	void puttingAnExistingKeyAgainIsANoOp() throws IOException {
		Blob blob = blob(1000);
		Blob other = blob(2000);
		store().put(blob.key(), blob.file(), OCTETS);

		store().put(blob.key(), blob.file(), OCTETS);
		// content addressing: a key already stored keeps its bytes, whatever a later put brings
		store().put(blob.key(), other.file(), OCTETS);

		assertThat(store().size(blob.key())).contains(1000L);
		assertThat(sha256(blob.key(), 0, -1)).isEqualTo(blob.key());
	}

	@Test
	void aFailedPutLeavesNoBlob() throws IOException {
		Blob blob = blob(1000);
		Files.delete(blob.file());

		assertThatThrownBy(() -> store().put(blob.key(), blob.file(), OCTETS)).isInstanceOf(IOException.class);

		assertThat(store().exists(blob.key())).isFalse();
		assertThat(store().size(blob.key())).isEmpty();
		assertThatThrownBy(() -> store().open(blob.key(), 0, -1)).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void readersDuringAPutSeeTheWholeBlobOrNone() throws Exception {
		Blob blob = blob(12 * 1024 * 1024);
		Set<Optional<Long>> seen = new LinkedHashSet<>();

		CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
			try {
				store().put(blob.key(), blob.file(), OCTETS);
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		});
		while (!put.isDone()) {
			seen.add(store().size(blob.key()));
		}
		put.join();

		assertThat(seen).as("sizes observed while the put ran").isSubsetOf(Optional.empty(), Optional.of(blob.size()));
		assertThat(store().size(blob.key())).contains(blob.size());
		assertThat(sha256(blob.key(), 0, -1)).isEqualTo(blob.key());
	}

	@Test
	void rangedReadsReturnExactlyTheRequestedBytes() throws IOException {
		Blob blob = blob(1000);
		byte[] bytes = Files.readAllBytes(blob.file());
		store().put(blob.key(), blob.file(), OCTETS);

		assertThat(read(blob.key(), 0, 10)).as("start").isEqualTo(slice(bytes, 0, 10));
		assertThat(read(blob.key(), 500, 100)).as("middle").isEqualTo(slice(bytes, 500, 100));
		assertThat(read(blob.key(), 900, -1)).as("tail").isEqualTo(slice(bytes, 900, 100));
		assertThat(read(blob.key(), 999, 1)).as("last byte").isEqualTo(slice(bytes, 999, 1));
		assertThat(read(blob.key(), 950, 500)).as("length beyond the end").isEqualTo(slice(bytes, 950, 50));
		assertThat(read(blob.key(), 0, Long.MAX_VALUE)).as("huge length").isEqualTo(bytes);
		assertThat(read(blob.key(), 10, 0)).as("empty range").isEmpty();
		assertThat(read(blob.key(), 1000, 10)).as("starting at the end").isEmpty();
		assertThat(read(blob.key(), 5000, -1)).as("starting past the end").isEmpty();
		assertThatThrownBy(() -> store().open(blob.key(), -1, 10)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aMissingKeyHasNoSizeAndCannotBeOpened() throws IOException {
		String missing = blob(10).key();

		assertThat(store().exists(missing)).isFalse();
		assertThat(store().size(missing)).isEmpty();
		assertThatThrownBy(() -> store().open(missing, 0, -1)).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store().open(missing, 5, 10)).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store().open(missing, 0, 0)).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void deleteRemovesTheBlobAndIsIdempotent() throws IOException {
		Blob blob = blob(1000);
		Blob kept = blob(1000);
		store().put(blob.key(), blob.file(), OCTETS);
		store().put(kept.key(), kept.file(), OCTETS);

		store().delete(blob.key());
		store().delete(blob.key());
		store().delete(blob(10).key());

		assertThat(store().exists(blob.key())).isFalse();
		assertThat(store().size(blob.key())).isEmpty();
		assertThatThrownBy(() -> store().open(blob.key(), 0, -1)).isInstanceOf(NoSuchFileException.class);
		assertThat(store().exists(kept.key())).as("other blobs stay").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "../../../../etc/passwd",
			"../0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
			"0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n" })
	void invalidKeysAreRefused(String key) throws IOException {
		Blob blob = blob(10);

		assertThatThrownBy(() -> store().put(key, blob.file(), OCTETS)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().exists(key)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().size(key)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().open(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store().presignedDownload(key, Duration.ofMinutes(1), "a.txt", "text/plain"))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aFortyMegabyteBlobIsStreamedInAndOut() throws IOException {
		Blob blob = blob(40L * 1024 * 1024);

		store().put(blob.key(), blob.file(), OCTETS);

		assertThat(store().size(blob.key())).contains(blob.size());
		assertThat(sha256(blob.key(), 0, -1)).isEqualTo(blob.key());
		// across the boundary of 16 MB parts, and the tail
		long boundary = 16L * 1024 * 1024;
		assertThat(read(blob.key(), boundary - 10, 20)).isEqualTo(slice(blob.file(), boundary - 10, 20));
		assertThat(read(blob.key(), blob.size() - 7, -1)).isEqualTo(slice(blob.file(), blob.size() - 7, 7));
	}

	/** Random content of {@code size} bytes in a temporary file, named by its SHA-256. */
	Blob blob(long size) throws IOException {
		SplittableRandom random = new SplittableRandom(seed++);
		Path file = Files.createTempFile(temp, "blob", ".bin");
		MessageDigest digest = sha256();
		byte[] chunk = new byte[1024 * 1024];
		try (OutputStream out = Files.newOutputStream(file)) {
			for (long written = 0; written < size; written += chunk.length) {
				int n = (int) Math.min(chunk.length, size - written);
				random.nextBytes(chunk);
				out.write(chunk, 0, n);
				digest.update(chunk, 0, n);
			}
		}
		return new Blob(HexFormat.of().formatHex(digest.digest()), file, size);
	}

	record Blob(String key, Path file, long size) {
	}

	byte[] read(String key, long offset, long length) throws IOException {
		try (InputStream in = store().open(key, offset, length)) {
			return in.readAllBytes();
		}
	}

	/** The SHA-256 of a range of the stored blob, streamed. */
	String sha256(String key, long offset, long length) throws IOException {
		try (InputStream in = new DigestInputStream(store().open(key, offset, length), sha256())) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
	}

	static byte[] slice(byte[] bytes, int offset, int length) {
		return java.util.Arrays.copyOfRange(bytes, offset, offset + length);
	}

	static byte[] slice(Path file, long offset, int length) throws IOException {
		try (FileChannel channel = FileChannel.open(file)) {
			ByteBuffer buffer = ByteBuffer.allocate(length);
			while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
				// read until full
			}
			return buffer.array();
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
