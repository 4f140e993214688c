package io.knowledgecloud.identity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller. A person signed in with an access token has a session; an API key
 * acts on behalf of the member who created it, limited to its workspace and scope.
 *
 * @param userId the user (for an API key: its creator)
 * @param email normalised e-mail address
 * @param sessionId the login session, absent for API keys
 * @param apiKey the key's grant when the caller authenticated with an API key
 */
public record CurrentUser(UserId userId, String email, @Nullable UUID sessionId, @Nullable ApiKeyGrant apiKey) {

	/** What an API key may reach. */
	public record ApiKeyGrant(UUID keyId, UUID workspaceId, ApiKeyScope scope) {
	}

	/** This caller, when it is a person; API keys get {@link ApiKeyNotAllowed}. */
	public CurrentUser requirePerson() {
		if (apiKey != null) {
			throw new ApiKeyNotAllowed();
		}
		return this;
	}

	public boolean viaApiKey() {
		return apiKey != null;
	}

	/** The name under which rate limits and idempotency keys are scoped. */
	public String principalName() {
		return apiKey != null ? "key:" + apiKey.keyId() : "user:" + userId.value();
	}
}
