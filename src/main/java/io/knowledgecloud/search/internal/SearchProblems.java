package io.knowledgecloud.search.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The search module's named failures. */
public final class SearchProblems {

	private SearchProblems() {
	}

	/** The query is empty, too long, or its advanced syntax is broken. */
	public static final class InvalidQuery extends KnowledgeCloudException {

		public InvalidQuery(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}

	/** The document does not exist, is not indexed, or the caller may not see it. */
	public static final class DocumentNotFound extends KnowledgeCloudException {

		public DocumentNotFound() {
			super(HttpStatus.NOT_FOUND, "document_not_found", "No such document in this workspace's index.");
		}
	}

	/**
	 * The search cluster refused a search or stayed overloaded through every retry (503,
	 * {@code search_unavailable}); retrying later may succeed.
	 */
	public static final class Unavailable extends KnowledgeCloudException {

		public Unavailable(String detail) {
			super(HttpStatus.SERVICE_UNAVAILABLE, "search_unavailable", detail);
		}
	}
}
