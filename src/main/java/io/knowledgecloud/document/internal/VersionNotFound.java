package io.knowledgecloud.document.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The version does not exist or was removed by retention. */
public final class VersionNotFound extends KnowledgeCloudException {

	public VersionNotFound() {
		super(HttpStatus.NOT_FOUND, "version_not_found", "No such version of this document.");
	}
}
