package io.knowledgecloud.document.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.knowledgecloud.document.internal.DocumentManagement;
import io.knowledgecloud.document.internal.DocumentVersion;
import io.knowledgecloud.document.internal.InvalidRange;

/** Streams a stored version as an attachment, whole or one {@code Range: bytes=} range. */
final class Downloads {

	private Downloads() {
	}

	static ResponseEntity<StreamingResponseBody> stream(DocumentManagement documents, DocumentVersion v,
			@Nullable String range) {
		long size = v.sizeBytes();
		long start = 0;
		long length = size;
		HttpStatus status = HttpStatus.OK;
		List<HttpRange> ranges = DocumentRequests.ranges(range);
		if (ranges.size() == 1) {
			HttpRange r = ranges.getFirst();
			start = r.getRangeStart(size);
			long end = r.getRangeEnd(size);
			if (start >= size || end < start) {
				throw new InvalidRange();
			}
			length = end - start + 1;
			status = HttpStatus.PARTIAL_CONTENT;
		}
		long from = start;
		long count = length;
		StreamingResponseBody body = out -> {
			try (InputStream in = documents.open(v, from, count)) {
				in.transferTo(out);
			}
		};
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(v.fileName(), StandardCharsets.UTF_8).build().toString())
			.eTag("\"" + v.sha256() + "\"")
			.contentType(MediaType.parseMediaType(v.mediaType()))
			.contentLength(length);
		if (status == HttpStatus.PARTIAL_CONTENT) {
			builder.header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
		}
		return builder.body(body);
	}
}
