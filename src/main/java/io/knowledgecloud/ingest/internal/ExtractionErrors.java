package io.knowledgecloud.ingest.internal;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.exception.UnsupportedFormatException;
import org.jspecify.annotations.Nullable;
import org.apache.tika.exception.ZeroByteFileException;

import io.knowledgecloud.ingest.internal.ExtractionFailed.Reason;

/**
 * Names what went wrong in a parse. Parsers report the same fact in many ways (Tika wraps POI
 * wraps commons-compress …), so the whole cause chain is searched; encryption is recognised by
 * class name because Tika, POI and PDFBox each have their own exception for it. Anything not
 * recognised is a {@code corrupt_file}: whatever a parser throws, the worker gets a named,
 * permanent failure — except a JVM error such as {@link OutOfMemoryError}, which is not the
 * document's fault and is rethrown.
 */
final class ExtractionErrors {

	private ExtractionErrors() {
	}

	/**
	 * The failure to report for {@code thrown}. Limits the handler enforced win, then a failing
	 * source stream (transient: returned as an {@link UncheckedIOException} to retry), then the
	 * causes found in the chain.
	 */
	static RuntimeException classify(Throwable thrown, StructureHandler handler, SourceStream source) {
		if (thrown instanceof VirtualMachineError error && !(thrown instanceof StackOverflowError)) {
			throw error;
		}
		ExtractionFailed limit = handler.failure();
		if (limit != null) {
			return limit;
		}
		if (source.failure() != null) {
			return new UncheckedIOException("Could not read the document's bytes", source.failure());
		}
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
			if (t instanceof ExtractionFailed failed) {
				return failed;
			}
			if (t instanceof StructureHandler.LimitExceeded exceeded) {
				return exceeded.failure();
			}
			Reason reason = reasonFor(t);
			if (reason != null) {
				return new ExtractionFailed(reason, null, thrown);
			}
		}
		return new ExtractionFailed(Reason.CORRUPT_FILE, null, thrown);
	}

	private static @Nullable Reason reasonFor(Throwable t) {
		String name = t.getClass().getSimpleName();
		String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
		if (name.equals("EncryptedDocumentException") || name.equals("InvalidPasswordException")) {
			return Reason.ENCRYPTED_FILE;
		}
		if (t instanceof ZeroByteFileException) {
			return Reason.NO_TEXT;
		}
		if (t instanceof UnsupportedFormatException) {
			return Reason.UNSUPPORTED_TYPE;
		}
		// Tika's SecureContentHandler ("Zip bomb detected!", "Suspected zip bomb") and POI's
		// ZipSecureFile ("Zip bomb detected! The file would exceed the max. ratio …")
		if (name.equals("SecureSAXException") || message.contains("zip bomb")) {
			return Reason.ZIP_BOMB;
		}
		return null;
	}
}
