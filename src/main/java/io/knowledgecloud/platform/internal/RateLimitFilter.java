package io.knowledgecloud.platform.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.platform.Problems;

/**
 * Applies the rate limits: per client IP on the authentication endpoints (brute force), per
 * authenticated principal (user or API key) elsewhere, per IP for anonymous callers. Sets the
 * {@code RateLimit-*} headers and answers {@code 429} with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final PlatformSettings.RateLimit settings;
	private final Problems problems;

	RateLimitFilter(RateLimiter limiter, PlatformSettings.RateLimit settings, Problems problems) {
		this.limiter = limiter;
		this.settings = settings;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean auth = request.getRequestURI().startsWith("/api/v1/auth/");
		int perMinute = auth ? settings.authPerMinute() : settings.apiPerMinute();
		String key = auth ? "auth:ip:" + request.getRemoteAddr() : "api:" + principal(request);
		RateLimiter.Verdict verdict = limiter.tryConsume(key, perMinute);
		response.setHeader("RateLimit-Limit", Long.toString(verdict.limit()));
		response.setHeader("RateLimit-Remaining", Long.toString(verdict.remaining()));
		response.setHeader("RateLimit-Reset", Long.toString(verdict.resetSeconds()));
		if (!verdict.allowed()) {
			response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
			problems.write(request, response, new RateLimited(verdict.retryAfterSeconds()));
			return;
		}
		chain.doFilter(request, response);
	}

	private static String principal(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return "ip:" + request.getRemoteAddr();
		}
		return authentication.getName();
	}

	/** Too many requests for this client in the current window. */
	static final class RateLimited extends KnowledgeCloudException {

		private final long retryAfter;

		RateLimited(long retryAfter) {
			super(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
					"Too many requests. Retry after " + retryAfter + " seconds.");
			this.retryAfter = retryAfter;
		}

		@Override
		public java.util.Map<String, Object> properties() {
			return java.util.Map.of("retry_after", retryAfter);
		}
	}
}
