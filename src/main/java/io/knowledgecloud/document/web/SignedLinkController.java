package io.knowledgecloud.document.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.knowledgecloud.document.internal.Document;
import io.knowledgecloud.document.internal.DocumentLinks;
import io.knowledgecloud.document.internal.DocumentManagement;
import io.knowledgecloud.platform.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The targets of signed URLs: the token in the path is the credential, no Authorization header. */
@RestController
@Tag(name = "Documents")
@SecurityRequirements
class SignedLinkController {

	private final DocumentLinks links;
	private final DocumentManagement documents;

	SignedLinkController(DocumentLinks links, DocumentManagement documents) {
		this.links = links;
		this.documents = documents;
	}

	@GetMapping("/api/v1/blobs/{token}")
	@Operation(summary = "Download through a signed URL", description = "Issued by `POST …/documents/{id}/download-url`. "
			+ "Supports a single `Range: bytes=` range.")
	@ApiResponse(responseCode = "403", description = "The token is not valid (signed_url_invalid)")
	@ApiResponse(responseCode = "410", description = "The token has expired (signed_url_expired)")
	ResponseEntity<StreamingResponseBody> download(@PathVariable String token,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) {
		return Downloads.stream(documents, links.resolveDownload(token), range);
	}

	@PutMapping(value = "/api/v1/uploads/{token}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload through a signed URL (multipart)", description = "Issued by "
			+ "`POST …/documents/upload-url`; usable once. Same fields as `POST …/documents`.")
	@ApiResponse(responseCode = "202", description = "Stored; ingestion runs in the background")
	@ApiResponse(responseCode = "409", description = "The link was used before (upload_url_used)")
	@ApiResponse(responseCode = "410", description = "The token has expired (signed_url_expired)")
	ResponseEntity<DocumentResponse> putMultipart(@PathVariable String token, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String title, @RequestParam(required = false) @Nullable String tags,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(name = "allowed_users", required = false) @Nullable String allowedUsers,
			@RequestParam(name = "allow_duplicate", defaultValue = "false") boolean allowDuplicate) throws IOException {
		return upload(token, file.getInputStream(), file.getOriginalFilename(), title, tags, collection, allowedUsers,
				allowDuplicate);
	}

	@PostMapping(value = "/api/v1/uploads/{token}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload through a signed URL (multipart form post)", description = "As the multipart `PUT`, "
			+ "for HTML forms.")
	@ApiResponse(responseCode = "202", description = "Stored; ingestion runs in the background")
	@ApiResponse(responseCode = "409", description = "The link was used before (upload_url_used)")
	ResponseEntity<DocumentResponse> postMultipart(@PathVariable String token, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String title, @RequestParam(required = false) @Nullable String tags,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(name = "allowed_users", required = false) @Nullable String allowedUsers,
			@RequestParam(name = "allow_duplicate", defaultValue = "false") boolean allowDuplicate) throws IOException {
		return putMultipart(token, file, title, tags, collection, allowedUsers, allowDuplicate);
	}

	@PutMapping("/api/v1/uploads/{token}")
	@Operation(summary = "Upload raw bytes through a signed URL", description = "The request body is the file; "
			+ "`file_name` names it. Streamed, never held in memory; `kc.documents.max-upload-size` applies.")
	@ApiResponse(responseCode = "202", description = "Stored; ingestion runs in the background")
	@ApiResponse(responseCode = "409", description = "The link was used before (upload_url_used)")
	ResponseEntity<DocumentResponse> putRaw(@PathVariable String token, HttpServletRequest request,
			@RequestParam(name = "file_name", required = false) @Nullable String fileName,
			@RequestParam(required = false) @Nullable String title, @RequestParam(required = false) @Nullable String tags,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(name = "allow_duplicate", defaultValue = "false") boolean allowDuplicate) throws IOException {
		return upload(token, request.getInputStream(), fileName, title, tags, collection, null, allowDuplicate);
	}

	private ResponseEntity<DocumentResponse> upload(String token, InputStream content, @Nullable String fileName,
			@Nullable String title, @Nullable String tags, @Nullable String collection, @Nullable String allowedUsers,
			boolean allowDuplicate) throws IOException {
		var upload = new DocumentManagement.NewUpload(content, fileName, DocumentRequests.text(title, "title", 500),
				DocumentRequests.tags(tags), DocumentRequests.text(collection, "collection", 200),
				DocumentRequests.users(allowedUsers), allowDuplicate);
		DocumentManagement.Uploaded uploaded = links.upload(token, upload);
		Document d = uploaded.document();
		if (uploaded.duplicate()) {
			return ResponseEntity.ok().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, d.id().value()));
		}
		return ResponseEntity.accepted().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, null));
	}
}
