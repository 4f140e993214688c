package io.knowledgecloud.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Strong ETags derived from a resource's optimistic-lock version, and the {@code If-Match}
 * check for updates.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/** True when an {@code If-None-Match} header names the current version (lists, weak tags and {@code *} included). */
	public static boolean noneMatchHits(@Nullable String ifNoneMatch, long currentVersion) {
		return ifNoneMatch != null && !ifNoneMatch.isBlank() && names(ifNoneMatch, of(currentVersion));
	}

	private static boolean names(String header, String current) {
		for (String candidate : header.split(",")) {
			String tag = candidate.strip();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals("*") || tag.equals(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Throws {@link PreconditionFailed} when {@code ifMatch} is present and names none of the
	 * current version ({@code *} matches any).
	 */
	public static void checkIfMatch(@Nullable String ifMatch, long currentVersion) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return;
		}
		String current = of(currentVersion);
		if (!names(ifMatch, current)) {
			throw new PreconditionFailed(current);
		}
	}

	/** The resource changed since the client read it. */
	public static final class PreconditionFailed extends KnowledgeCloudException {

		public PreconditionFailed(String current) {
			super(HttpStatus.PRECONDITION_FAILED, "precondition_failed",
					"The resource was modified; its current ETag is " + current + ". Fetch it again and retry.");
		}
	}
}
