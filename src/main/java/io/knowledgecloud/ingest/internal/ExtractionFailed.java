package io.knowledgecloud.ingest.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text could not be extracted from a document, for a reason that retrying will not change. The
 * ingestion job ends the document {@code FAILED} with {@link #code()} and {@link #getMessage()},
 * which are shown to the user as they are.
 *
 * <p>Not a {@code KnowledgeCloudException}: this is never an HTTP answer, it is stored on the
 * document. Transient problems (the blob store failing to deliver bytes, the worker being
 * interrupted) are deliberately <em>not</em> reported this way, so they can be retried.
 */
final class ExtractionFailed extends RuntimeException {

	/** Why extraction failed; {@link #code()} is stable and part of the API. */
	enum Reason {
		CORRUPT_FILE("corrupt_file", "The file is damaged or not what its type says, so no text could be read from it."),
		ENCRYPTED_FILE("encrypted_file", "The file is password-protected or encrypted; upload an unprotected copy."),
		UNSUPPORTED_TYPE("unsupported_type", "Text cannot be extracted from files of this type."),
		NO_TEXT("no_text", "The file contains no text (for example a scanned document without a text layer)."),
		ZIP_BOMB("zip_bomb", "The file expands to far more content than its size suggests and was rejected as a possible zip bomb."),
		TOO_MANY_PAGES("too_many_pages", "The document has more pages than allowed."),
		EXTRACTION_TIMEOUT("extraction_timeout", "Extracting the text took longer than allowed."),
		TOO_MUCH_TEXT("too_much_text", "The document contains more text than allowed.");

		private final String code;
		private final String message;

		Reason(String code, String message) {
			this.code = code;
			this.message = message;
		}

		String code() {
			return code;
		}
	}

	private final Reason reason;

	ExtractionFailed(Reason reason) {
		this(reason, null, null);
	}

	/** {@code detail} is appended to the reason's message, e.g. the limit that was exceeded. */
	ExtractionFailed(Reason reason, @Nullable String detail, @Nullable Throwable cause) {
		super(detail == null ? reason.message : reason.message + " " + detail, cause);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}

	/** Stable, machine-readable code, e.g. {@code encrypted_file}. */
	String code() {
		return reason.code();
	}
}
