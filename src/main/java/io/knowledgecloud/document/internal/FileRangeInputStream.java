package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** Bytes {@code [start, end)} of a file, read through positional reads; closes the channel. */
final class FileRangeInputStream extends InputStream {

	private final FileChannel channel;

	private final long end;

	private long position;

	/**
	 * A fresh stream over {@code [offset, offset + length)} of the file. Unchecked, because the S3
	 * SDK's content providers cannot throw {@link IOException}; the SDK reports it as a client error.
	 */
	static InputStream open(Path file, long offset, long length) {
		try {
			return new FileRangeInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, offset + length);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	FileRangeInputStream(FileChannel channel, long start, long end) {
		this.channel = channel;
		this.position = start;
		this.end = end;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		long remaining = end - position;
		if (remaining <= 0) {
			return -1;
		}
		int read = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)), position);
		if (read < 0) {
			// the file shrank under us; blobs are immutable, so this only happens if someone edits the store
			position = end;
			return -1;
		}
		position += read;
		return read;
	}

	@Override
	public long skip(long n) {
		long skipped = Math.max(0, Math.min(n, end - position));
		position += skipped;
		return skipped;
	}

	@Override
	public int available() {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
