package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.knowledgecloud.document.spi.BlobStore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSystemBlobStoreTest extends BlobStoreContract {

	private Path root;

	private FileSystemBlobStore store;

	@BeforeEach
	void createStore() throws IOException {
		root = temp.resolve("data/blobs");
		store = new FileSystemBlobStore(root);
	}

	@Override
	BlobStore store() {
		return store;
	}

	@Test
	void createsItsRootAndHasAStableId() {
		assertThat(root).isDirectory();
		assertThat(store.id()).isEqualTo("filesystem");
	}

	@Test
	void blobsAreFannedOutByTheirFirstFourHexDigits() throws IOException {
		Blob blob = blob(100);

		store.put(blob.key(), blob.file(), OCTETS);

		Path expected = root.resolve(blob.key().substring(0, 2)).resolve(blob.key().substring(2, 4)).resolve(blob.key());
		assertThat(expected).isRegularFile().hasSameBinaryContentAs(blob.file());
		assertThat(files()).containsExactly(expected);
	}

	@Test
	void putsLeaveNoTemporaryFilesBehind() throws IOException {
		Blob stored = blob(1000);
		Blob failed = blob(1000);
		Files.delete(failed.file());

		store.put(stored.key(), stored.file(), OCTETS);
		store.put(stored.key(), stored.file(), OCTETS);
		assertThatThrownBy(() -> store.put(failed.key(), failed.file(), OCTETS)).isInstanceOf(IOException.class);

		assertThat(files()).extracting(p -> p.getFileName().toString()).containsExactly(stored.key());
	}

	@Test
	void aKeyCannotEscapeTheRoot() throws IOException {
		Path outside = temp.resolve("outside");
		Files.writeString(outside, "secret");
		String escape = "../".repeat(4) + "outside";

		assertThatThrownBy(() -> store.open(escape, 0, -1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store.delete(escape)).isInstanceOf(IllegalArgumentException.class);
		assertThat(outside).exists();
	}

	@Test
	void hasNoPresignedUrls() throws IOException {
		Blob blob = blob(10);
		store.put(blob.key(), blob.file(), OCTETS);

		assertThat(store.presignedDownload(blob.key(), Duration.ofMinutes(5), "a.bin", OCTETS)).isEmpty();
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}
}
