package io.knowledgecloud.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.internal.Accounts;
import io.knowledgecloud.identity.ApiKeyNotAllowed;

/** Small request helpers shared by the identity controllers. */
final class Clients {

	private Clients() {
	}

	static Accounts.Client of(HttpServletRequest request) {
		return new Accounts.Client(request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

	/** Account endpoints are for people, not API keys. */
	static CurrentUser person(CurrentUser user) {
		if (user.viaApiKey()) {
			throw new ApiKeyNotAllowed();
		}
		return user;
	}
}
