package io.knowledgecloud.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.Problems;

/**
 * {@code Idempotency-Key} on POST: the first response (any status below 500) is stored per
 * caller and key and replayed for a retry with the same body; the same key with another body
 * answers 422, and a retry while the first request still runs answers 409. Keys are scoped to
 * the authenticated principal, or to the client IP for anonymous calls.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private final IdempotencyStore store;
	private final Problems problems;

	IdempotencyFilter(IdempotencyStore store, Problems problems) {
		this.store = store;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (!KEY.matcher(key).matches()) {
			problems.write(request, response, new IdempotencyProblem(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
					"Idempotency-Key must be 1-255 visible ASCII characters."));
			return;
		}
		String contentType = request.getContentType();
		boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
		byte[] body;
		try {
			// multipart uploads are streamed, never buffered: their fingerprint is type and length
			body = multipart ? (contentType + request.getContentLengthLong()).getBytes(StandardCharsets.UTF_8)
					: request.getInputStream().readAllBytes();
		}
		catch (KnowledgeCloudException e) {
			problems.write(request, response, e);
			return;
		}
		String scope = scope(request);
		String hash = hash(request, body);
		Optional<IdempotencyStore.Entry> existing = store.claim(scope, key, hash);
		if (existing.isPresent()) {
			replay(request, response, existing.get(), hash);
			return;
		}
		var cachingResponse = new ContentCachingResponseWrapper(response);
		boolean stored = false;
		try {
			chain.doFilter(multipart ? request : new ReplayedBodyRequest(request, body), cachingResponse);
			int status = cachingResponse.getStatus();
			if (status < 500) {
				store.complete(scope, key, status, cachingResponse.getContentType(),
						cachingResponse.getHeader(HttpHeaders.LOCATION), cachingResponse.getHeader(HttpHeaders.ETAG),
						new String(cachingResponse.getContentAsByteArray(), StandardCharsets.UTF_8));
				stored = true;
			}
		}
		finally {
			if (!stored) {
				store.release(scope, key);
			}
			cachingResponse.copyBodyToResponse();
		}
	}

	private void replay(HttpServletRequest request, HttpServletResponse response, IdempotencyStore.Entry entry,
			String hash) throws IOException {
		if (!entry.requestHash().equals(hash)) {
			problems.write(request, response, new IdempotencyProblem(HttpStatus.UNPROCESSABLE_CONTENT,
					"idempotency_key_reused", "This Idempotency-Key was already used with a different request."));
			return;
		}
		if (entry.state() == IdempotencyStore.State.IN_PROGRESS) {
			problems.write(request, response, new IdempotencyProblem(HttpStatus.CONFLICT, "idempotency_in_progress",
					"A request with this Idempotency-Key is still being processed. Retry later."));
			return;
		}
		response.setStatus(entry.status());
		response.setHeader("Idempotent-Replayed", "true");
		if (entry.contentType() != null) {
			response.setContentType(entry.contentType());
		}
		if (entry.location() != null) {
			response.setHeader(HttpHeaders.LOCATION, entry.location());
		}
		if (entry.etag() != null) {
			response.setHeader(HttpHeaders.ETAG, entry.etag());
		}
		if (entry.body() != null) {
			response.getOutputStream().write(entry.body().getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String scope(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return "ip:" + request.getRemoteAddr();
		}
		return authentication.getName();
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A conflict between a retried request and the one stored under its key. */
	static final class IdempotencyProblem extends KnowledgeCloudException {

		IdempotencyProblem(HttpStatus status, String code, String detail) {
			super(status, code, detail);
		}
	}

	private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return false;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}
	}
}
