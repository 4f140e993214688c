package io.knowledgecloud.document.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** An upload without bytes. */
public final class EmptyUpload extends KnowledgeCloudException {

	public EmptyUpload() {
		super(HttpStatus.BAD_REQUEST, "empty_file", "The uploaded file is empty.");
	}
}
