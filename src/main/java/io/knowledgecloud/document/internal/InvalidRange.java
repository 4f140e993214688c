package io.knowledgecloud.document.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** A Range header that does not fit the content. */
public final class InvalidRange extends KnowledgeCloudException {

	public InvalidRange() {
		super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable", "The requested byte range is outside the file.");
	}
}
