package io.knowledgecloud.platform.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.Problems;

/**
 * Caps non-multipart request bodies at {@code kc.web.max-json-body}: a declared length over the
 * cap is refused before reading, and a chunked body is cut off when it crosses it. Multipart
 * uploads have their own, larger limit.
 */
class BodyLimitFilter extends OncePerRequestFilter {

	/** Raw uploads through signed upload URLs: the document module streams them with its own size limit. */
	static final String STREAMED_UPLOADS = "/api/v1/uploads/";

	private final long maxBytes;
	private final Problems problems;

	BodyLimitFilter(long maxBytes, Problems problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase().startsWith("multipart/")
				|| request.getRequestURI().startsWith(STREAMED_UPLOADS)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > maxBytes) {
			problems.write(request, response, new BodyTooLarge(maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, maxBytes), response);
	}

	/** The request body exceeds the configured limit. */
	static final class BodyTooLarge extends KnowledgeCloudException {

		BodyTooLarge(long max) {
			super(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
					"The request body exceeds the limit of " + max + " bytes.");
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long max;
		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
				stream = new ServletInputStream() {
					private long count;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0 && ++count > max) {
							throw new BodyTooLarge(max);
						}
						return b;
					}

					@Override
					public int read(byte[] buf, int off, int len) throws IOException {
						int n = in.read(buf, off, len);
						if (n > 0 && (count += n) > max) {
							throw new BodyTooLarge(max);
						}
						return n;
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}
	}
}
