package io.knowledgecloud.ingest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The document's bytes as the parser reads them. It stops a cancelled extraction at the next
 * read (parsers that never call back into the content handler for a while still read), and it
 * remembers whether reading itself failed: a blob store that drops the connection is a
 * transient problem to retry, not a corrupt file. Closing it leaves the caller's stream open.
 */
final class SourceStream extends FilterInputStream {

	private final BooleanSupplier cancelled;
	private volatile @Nullable IOException failure;

	SourceStream(InputStream in, BooleanSupplier cancelled) {
		super(in);
		this.cancelled = cancelled;
	}

	/** The exception the underlying stream threw, if it threw one. */
	@Nullable IOException failure() {
		return failure;
	}

	@Override
	public int read() throws IOException {
		checkCancelled();
		try {
			return super.read();
		}
		catch (IOException e) {
			failure = e;
			throw e;
		}
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		checkCancelled();
		try {
			return super.read(b, off, len);
		}
		catch (IOException e) {
			failure = e;
			throw e;
		}
	}

	@Override
	public long skip(long n) throws IOException {
		checkCancelled();
		try {
			return super.skip(n);
		}
		catch (IOException e) {
			failure = e;
			throw e;
		}
	}

	@Override
	public void close() {
		// the caller opened the stream and closes it
	}

	private void checkCancelled() throws InterruptedIOException {
		if (cancelled.getAsBoolean()) {
			throw new InterruptedIOException("extraction cancelled");
		}
	}
}
