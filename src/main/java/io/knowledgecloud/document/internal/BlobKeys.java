package io.knowledgecloud.document.internal;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one key syntax every {@link io.knowledgecloud.document.spi.BlobStore} accepts: a SHA-256
 * in lower-case hex. Anything else is refused before it reaches a file name or an object key, so
 * no key can traverse paths, and the same content cannot be stored under two spellings.
 */
final class BlobKeys {

	private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

	private BlobKeys() {
	}

	static String requireValid(@Nullable String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A blob key is 64 lower-case hex characters (a SHA-256), not: "
					+ abbreviate(key));
		}
		return key;
	}

	static void requireValidOffset(long offset) {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must be >= 0, not " + offset);
		}
	}

	private static String abbreviate(@Nullable String key) {
		if (key == null) {
			return "null";
		}
		return key.length() <= 80 ? '"' + key + '"' : '"' + key.substring(0, 80) + "…\"";
	}
}
