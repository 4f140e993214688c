package io.knowledgecloud.document.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.document.internal.Document;
import io.knowledgecloud.document.internal.DocumentEventStream;
import io.knowledgecloud.document.internal.DocumentLinks;
import io.knowledgecloud.document.internal.DocumentManagement;
import io.knowledgecloud.document.internal.DocumentVersion;
import io.knowledgecloud.document.internal.DocumentQuery;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.ETags;
import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Upload, list, read, update, download, version and delete documents. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/documents")
@Tag(name = "Documents")
class DocumentController {

	private final DocumentManagement documents;
	private final DocumentLinks links;
	private final PlatformSettings platform;
	private final DocumentEventStream stream;

	DocumentController(DocumentManagement documents, DocumentLinks links, PlatformSettings platform,
			DocumentEventStream stream) {
		this.stream = stream;
		this.documents = documents;
		this.links = links;
		this.platform = platform;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a document", description = "Multipart `file` plus optional `title`, `tags` "
			+ "(comma-separated), `collection` and `allowed_users` (comma-separated member ids: only they, admins and "
			+ "the uploader see it). The media type is detected from the bytes. An exact duplicate returns the "
			+ "existing document with `duplicate_of` (200) unless `allow_duplicate=true`.")
	@ApiResponse(responseCode = "202", description = "Stored; ingestion runs in the background")
	@ApiResponse(responseCode = "200", description = "Exact duplicate of an existing document")
	@ApiResponse(responseCode = "413", description = "Larger than kc.documents.max-upload-size (payload_too_large)")
	@ApiResponse(responseCode = "403", description = "Quota reached (quota_exceeded) or role too low")
	ResponseEntity<DocumentResponse> upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestPart("file") MultipartFile file, @RequestParam(required = false) @Nullable String title,
			@RequestParam(required = false) @Nullable String tags,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(name = "allowed_users", required = false) @Nullable String allowedUsers,
			@RequestParam(name = "allow_duplicate", defaultValue = "false") boolean allowDuplicate) throws IOException {
		var upload = new DocumentManagement.NewUpload(file.getInputStream(), file.getOriginalFilename(),
				DocumentRequests.text(title, "title", 500), DocumentRequests.tags(tags),
				DocumentRequests.text(collection, "collection", 200), DocumentRequests.users(allowedUsers),
				allowDuplicate);
		DocumentManagement.Uploaded uploaded = documents.upload(new WorkspaceId(ws), user, upload);
		Document d = uploaded.document();
		if (uploaded.duplicate()) {
			return ResponseEntity.ok().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, d.id().value()));
		}
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/workspaces/" + ws + "/documents/" + d.id()))
			.eTag(ETags.of(d.rowVersion()))
			.body(DocumentResponse.of(d, null));
	}

	@GetMapping
	@Operation(summary = "List documents", description = "Filters: status, tag, collection, type (media type), "
			+ "from/to (created, ISO-8601), q (title contains); sort: -created_at (default), created_at, title, -title.")
	CursorPage<DocumentResponse> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable DocumentStatus status,
			@RequestParam(required = false) @Nullable String tag,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "-created_at") String sort,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		var filter = DocumentQuery.filter(status, tag, collection, type, from, to, q, sort);
		return documents.list(new WorkspaceId(ws), user, filter, cursor, limit).map(d -> DocumentResponse.of(d, null));
	}

	@GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Stream document status changes (SSE)", description = "Server-Sent Events for the "
			+ "workspace: `uploaded` (also a new version), `processing` (with `stage`: extract, chunk, embed, index), "
			+ "`indexed`, `failed` (with `failure_code`) and `deleted`, each with `data` `{id, document_id, type, status, "
			+ "stage, version, failure_code, at}` and the SSE `id`. Only documents the caller may see. Reconnect with "
			+ "`Last-Event-ID` to receive what was missed (changes are kept for a day). A comment is sent every 15 s; "
			+ "the server ends a stream after 30 minutes (clients reconnect).")
	@ApiResponse(responseCode = "200", description = "The event stream", content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
	SseEmitter events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return stream.subscribe(new WorkspaceId(ws), user, DocumentRequests.eventId(lastEventId));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a document with its status, stage and timings")
	@ApiResponse(responseCode = "404", description = "Missing, deleted or not visible (document_not_found)")
	ResponseEntity<DocumentResponse> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		Document d = documents.get(new WorkspaceId(ws), user, new DocumentId(id));
		if (ETags.noneMatchHits(ifNoneMatch, d.rowVersion())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ETags.of(d.rowVersion())).build();
		}
		return ResponseEntity.ok().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, null));
	}

	/** Metadata a client may change. */
	record MetadataRequest(@Schema(example = "Q3 report") @NotBlank @Size(max = 500) @Pattern(regexp = "^[^\\p{Cntrl}]*$") String title,
			@Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags,
			@Nullable @Size(max = 200) String collection, @Nullable Boolean restricted,
			@Nullable @Size(max = 1000) List<UUID> allowedUsers) {
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Update title, tags, collection or access list", description = "Send If-Match with the "
			+ "ETag; a stale one answers 412. Access changes reach search immediately.")
	ResponseEntity<DocumentResponse> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @Valid @RequestBody MetadataRequest body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		Set<UUID> allowed = body.allowedUsers() == null ? Set.of() : new LinkedHashSet<>(body.allowedUsers());
		var change = new DocumentManagement.MetadataChange(body.title(),
				body.tags() == null ? List.of() : body.tags().stream().map(String::strip).distinct().toList(),
				body.collection(), Boolean.TRUE.equals(body.restricted()), allowed);
		Document d = documents.updateMetadata(new WorkspaceId(ws), user, new DocumentId(id), change, ifMatch);
		return ResponseEntity.ok().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, null));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a document", description = "Gone from lists and search at once; blobs are purged "
			+ "after the retention period.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		documents.delete(new WorkspaceId(ws), user, new DocumentId(id));
		return ResponseEntity.noContent().build();
	}

	@PutMapping(value = "/{id}/content", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a new version", description = "Earlier versions are kept and downloadable.")
	@ApiResponse(responseCode = "202", description = "New version stored; ingestion re-embeds what changed")
	ResponseEntity<DocumentResponse> newVersion(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @RequestPart("file") MultipartFile file) throws IOException {
		Document d = documents.addVersion(new WorkspaceId(ws), user, new DocumentId(id), file.getInputStream(),
				file.getOriginalFilename());
		return ResponseEntity.accepted().eTag(ETags.of(d.rowVersion())).body(DocumentResponse.of(d, null));
	}

	record VersionResponse(int version, String sha256, long sizeBytes, String mediaType, String fileName,
			UUID createdBy, Instant createdAt) {
	}

	@GetMapping("/{id}/versions")
	@Operation(summary = "List the stored versions, newest first")
	List<VersionResponse> versions(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		return documents.versions(new WorkspaceId(ws), user, new DocumentId(id))
			.stream()
			.map(v -> new VersionResponse(v.version(), v.sha256(), v.sizeBytes(), v.mediaType(), v.fileName(),
					v.createdBy(), v.createdAt()))
			.toList();
	}

	@GetMapping("/{id}/content")
	@Operation(summary = "Download the content (current or ?version=n)", description = "Supports a single "
			+ "`Range: bytes=` range (206).")
	@ApiResponse(responseCode = "206", description = "Partial content")
	@ApiResponse(responseCode = "416", description = "Range outside the file (range_not_satisfiable)")
	ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) {
		DocumentVersion v = documents.versionForDownload(new WorkspaceId(ws), user, new DocumentId(id), version);
		return Downloads.stream(documents, v, range);
	}

	/** A signed URL and its expiry. */
	record LinkResponse(URI url, Instant expiresAt) {
		static LinkResponse of(DocumentLinks.Link link) {
			return new LinkResponse(link.url(), link.expiresAt());
		}
	}

	@PostMapping("/{id}/download-url")
	@Operation(summary = "Get a signed download URL", description = "A URL that downloads the current version "
			+ "(or `?version=n`) without an Authorization header until `expires_at` (`kc.documents.download-url-ttl`). "
			+ "On S3 storage it is a pre-signed S3 URL; otherwise an HMAC-signed link to `GET /api/v1/blobs/{token}`. "
			+ "Anyone holding the URL can download until it expires.")
	LinkResponse downloadUrl(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable Integer version) {
		return LinkResponse.of(links.downloadUrl(new WorkspaceId(ws), user, new DocumentId(id), version,
				PublicBase.of(platform)));
	}

	@PostMapping("/upload-url")
	@Operation(summary = "Get a signed, single-use upload URL", description = "Editors. The URL accepts one upload "
			+ "without an Authorization header until `expires_at` (`kc.documents.upload-url-ttl`): `PUT` or `POST` "
			+ "multipart (`file` plus the upload's optional fields), or `PUT` of the raw bytes with `?file_name=`. "
			+ "The document belongs to the caller.")
	@ApiResponse(responseCode = "200", description = "The URL and its expiry")
	LinkResponse uploadUrl(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return LinkResponse.of(links.uploadUrl(new WorkspaceId(ws), user, PublicBase.of(platform)));
	}

	static List<String> split(@Nullable String csv) {
		return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
			.toList();
	}
}
