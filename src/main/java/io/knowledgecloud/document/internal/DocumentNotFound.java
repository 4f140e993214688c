package io.knowledgecloud.document.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The document does not exist, was deleted, or the caller may not see it: indistinguishable on purpose. */
public final class DocumentNotFound extends KnowledgeCloudException {

	public DocumentNotFound() {
		super(HttpStatus.NOT_FOUND, "document_not_found", "No such document in this workspace.");
	}
}
