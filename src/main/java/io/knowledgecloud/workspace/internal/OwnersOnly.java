package io.knowledgecloud.workspace.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Only owners manage owners. */
public final class OwnersOnly extends KnowledgeCloudException {

	public OwnersOnly() {
		super(HttpStatus.FORBIDDEN, "owner_required", "Only an owner may grant, change or remove the owner role.");
	}
}
