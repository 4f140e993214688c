package io.knowledgecloud.identity.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** An already-rotated refresh token came back: the session is treated as stolen. */
public final class RefreshTokenReused extends KnowledgeCloudException {

	public RefreshTokenReused() {
		super(HttpStatus.UNAUTHORIZED, "refresh_token_reused", "This refresh token was already used. All tokens of this session were revoked; log in again.");
	}
}
