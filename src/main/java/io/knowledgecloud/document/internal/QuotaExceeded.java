package io.knowledgecloud.document.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The workspace has reached its document-count or storage quota. */
public final class QuotaExceeded extends KnowledgeCloudException {

	public QuotaExceeded(String detail) {
		super(HttpStatus.FORBIDDEN, "quota_exceeded", detail);
	}
}
