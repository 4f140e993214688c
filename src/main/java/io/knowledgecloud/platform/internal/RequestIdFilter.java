package io.knowledgecloud.platform.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import io.knowledgecloud.platform.Problems;

/**
 * Accepts a well-formed {@code X-Request-Id} or generates one, echoes it on the response and
 * puts it in the logging context so every log line and problem document carries it.
 */
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";
	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// an error dispatch reuses the id of the request that failed
		Object earlier = request.getAttribute(ATTRIBUTE);
		String incoming = request.getHeader(HEADER);
		String requestId = earlier instanceof String id ? id
				: incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
		request.setAttribute(ATTRIBUTE, requestId);
		MDC.put(Problems.REQUEST_ID, requestId);
		response.setHeader(HEADER, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(Problems.REQUEST_ID);
			MDC.remove("userId");
			MDC.remove("workspaceId");
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}
}
