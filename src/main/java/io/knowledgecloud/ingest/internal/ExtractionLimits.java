package io.knowledgecloud.ingest.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * What one extraction may cost. Exceeding a limit fails the document permanently with the
 * matching {@link ExtractionFailed.Reason}.
 *
 * @param maxCharacters text characters (UTF-16 units) before {@code too_much_text}
 * @param maxPages pages (PDF) before {@code too_many_pages}
 * @param timeout wall-clock time of one extraction before {@code extraction_timeout}
 * @param maxCompressionRatio output characters per input byte that Tika's
 *        {@code SecureContentHandler} tolerates (after its first million characters) before
 *        {@code zip_bomb}
 * @param maxPackageDepth how deeply archives may nest inside archives before {@code zip_bomb}
 */
record ExtractionLimits(long maxCharacters, int maxPages, Duration timeout, long maxCompressionRatio,
		int maxPackageDepth) {

	static final ExtractionLimits DEFAULTS = new ExtractionLimits(20_000_000, 2_000, Duration.ofSeconds(60), 100, 5);

	ExtractionLimits {
		Objects.requireNonNull(timeout, "timeout");
		if (maxCharacters < 1 || maxPages < 1 || maxCompressionRatio < 1 || maxPackageDepth < 1
				|| timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("extraction limits must be positive");
		}
	}

	ExtractionLimits withMaxCharacters(long value) {
		return new ExtractionLimits(value, maxPages, timeout, maxCompressionRatio, maxPackageDepth);
	}

	ExtractionLimits withMaxPages(int value) {
		return new ExtractionLimits(maxCharacters, value, timeout, maxCompressionRatio, maxPackageDepth);
	}

	ExtractionLimits withTimeout(Duration value) {
		return new ExtractionLimits(maxCharacters, maxPages, value, maxCompressionRatio, maxPackageDepth);
	}
}
