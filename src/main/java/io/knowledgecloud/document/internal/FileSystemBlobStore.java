package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import io.knowledgecloud.document.spi.BlobStore;

/**
 * Blobs as files under a root directory, fanned out as {@code ab/cd/<key>} (the key's first four hex
 * digits) over 65,536 leaf directories, so no directory grows large. A put copies into a temporary file next to its target, forces it
 * to disk and renames it into place atomically, so a reader (or a restart after a crash) sees the
 * whole blob or none. Left-over temporary files start with {@code .} and end in {@code .tmp}.
 */
final class FileSystemBlobStore implements BlobStore {

	static final String ID = "filesystem";

	private final Path root;

	FileSystemBlobStore(Path root) throws IOException {
		this.root = Files.createDirectories(root.toAbsolutePath().normalize());
	}

	@Override
	public String id() {
		return ID;
	}

	Path root() {
		return root;
	}

	@Override
	public void put(String key, Path file, String contentType) throws IOException {
		Path target = path(key);
		if (Files.isRegularFile(target)) {
			return;
		}
		Path dir = Files.createDirectories(target.getParent());
		try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
			Path temp = Files.createTempFile(dir, "." + key + ".", ".tmp");
			try {
				try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
					long size = source.size();
					for (long position = 0; position < size;) {
						position += source.transferTo(position, size - position, out);
					}
					out.force(true);
				}
				try {
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (FileAlreadyExistsException raced) {
					// a concurrent put of the same key won; its bytes are the same
				}
				forceDirectory(dir);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(path(key));
	}

	@Override
	public Optional<Long> size(String key) throws IOException {
		try {
			return Optional.of(Files.size(path(key)));
		}
		catch (NoSuchFileException missing) {
			return Optional.empty();
		}
	}

	@Override
	public InputStream open(String key, long offset, long length) throws IOException {
		BlobKeys.requireValidOffset(offset);
		FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
		try {
			long size = channel.size();
			long start = Math.min(offset, size);
			long end = length < 0 ? size : Math.min(size, start + Math.min(length, Long.MAX_VALUE - start));
			return new FileRangeInputStream(channel, start, end);
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	@Override
	public Optional<URI> presignedDownload(String key, Duration ttl, String fileName, String contentType) {
		BlobKeys.requireValid(key);
		return Optional.empty();
	}

	private Path path(String key) {
		BlobKeys.requireValid(key);
		return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
	}

	/** Makes the rename itself durable; not every platform can open a directory, so best effort. */
	private static void forceDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException notSupported) {
			// e.g. Windows; the data is already on disk, only the directory entry may lag
		}
	}
}
