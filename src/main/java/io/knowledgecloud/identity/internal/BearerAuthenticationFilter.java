package io.knowledgecloud.identity.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.knowledgecloud.identity.CurrentUser;


/**
 * Authenticates {@code Authorization: Bearer …} (or {@code X-API-Key}) as an access token or a
 * workspace API key. A missing or invalid credential leaves the request anonymous; the security
 * rules then answer 401 where authentication is required.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

	private final AccessTokens tokens;
	private final Sessions sessions;
	private final ApiKeyStore apiKeys;
	private final Users users;

	BearerAuthenticationFilter(AccessTokens tokens, Sessions sessions, ApiKeyStore apiKeys, Users users) {
		this.tokens = tokens;
		this.sessions = sessions;
		this.apiKeys = apiKeys;
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String credential = credential(request);
		if (credential != null) {
			CurrentUser user = credential.startsWith("kc_") ? viaApiKey(credential) : viaAccessToken(credential);
			if (user != null) {
				SecurityContextHolder.getContext().setAuthentication(new Authenticated(user));
				MDC.put("userId", user.userId().toString());
			}
		}
		chain.doFilter(request, response);
	}

	private static String credential(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return header.substring(7).strip();
		}
		String apiKey = request.getHeader("X-API-Key");
		return apiKey == null ? null : apiKey.strip();
	}

	private CurrentUser viaAccessToken(String token) {
		AccessTokens.Access access = tokens.verifyAccess(token);
		if (access == null || !sessions.isActive(access.sessionId())) {
			return null;
		}
		return new CurrentUser(access.userId(), access.email(), access.sessionId(), null);
	}

	private CurrentUser viaApiKey(String key) {
		return apiKeys.verify(key)
			.flatMap(v -> users.byId(v.createdBy())
				.map(creator -> new CurrentUser(creator.id(), creator.email(), null,
						new CurrentUser.ApiKeyGrant(v.keyId(), v.workspaceId(), v.scope()))))
			.orElse(null);
	}

	/** The authenticated caller as a Spring Security authentication. */
	static final class Authenticated extends AbstractAuthenticationToken {

		private final CurrentUser user;

		Authenticated(CurrentUser user) {
			super(List.of(new SimpleGrantedAuthority(user.viaApiKey() ? "API_KEY" : "USER")));
			this.user = user;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public CurrentUser getPrincipal() {
			return user;
		}

		@Override
		public String getName() {
			return user.principalName();
		}
	}

}
