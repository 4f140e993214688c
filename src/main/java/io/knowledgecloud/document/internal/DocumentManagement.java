package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.document.DocumentAccessChanged;
import io.knowledgecloud.document.DocumentDeleted;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.DocumentStatus;
import io.knowledgecloud.document.DocumentUploaded;
import io.knowledgecloud.document.DocumentVersionAdded;
import io.knowledgecloud.document.IndexableDocument;
import io.knowledgecloud.document.IngestionReport;
import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.ETags;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Document use cases. Every call checks the caller's workspace role first, then the document's
 * ACL; a document the caller may not see answers exactly like a missing one.
 */
@Service
public class DocumentManagement {

	/** The result of an upload: the document, and the original when it was an exact duplicate. */
	public record Uploaded(Document document, boolean duplicate) {
	}

	/** What a client may change on a document. */
	public record MetadataChange(String title, List<String> tags, @Nullable String collection, boolean restricted,
			Set<UUID> allowedUsers) {
	}

	/**
	 * A new upload's description.
	 *
	 * @param writtenAs the media type of content the server itself wrote (an import line's text),
	 *     taken as it is; {@code null} for everything a client sent, whose type is detected from the
	 *     bytes
	 */
	public record NewUpload(InputStream content, @Nullable String fileName, @Nullable String title, List<String> tags,
			@Nullable String collection, Set<UUID> allowedUsers, boolean allowDuplicate, @Nullable String writtenAs) {

		/** An upload of a client's bytes: the type is detected from them. */
		public NewUpload(InputStream content, @Nullable String fileName, @Nullable String title, List<String> tags,
				@Nullable String collection, Set<UUID> allowedUsers, boolean allowDuplicate) {
			this(content, fileName, title, tags, collection, allowedUsers, allowDuplicate, null);
		}
	}

	private final Documents documents;
	private final BlobStore blobs;
	private final UploadSpooler spooler;
	private final WorkspaceAccess access;
	private final Cursors cursors;
	private final ApplicationEventPublisher events;
	private final DocumentSettings settings;
	private final Clock clock;
	private final DocumentPurge purge;
	private final DocumentEventLog log;
	/**
	 * Each workspace's live documents and bytes as last counted, for at most {@link #USAGE_TTL}.
	 * Counting is a scan of the workspace's documents, which a bulk import would otherwise repeat
	 * for every line. The count is only trusted while the workspace is well below its quotas.
	 */
	private final com.github.benmanes.caffeine.cache.Cache<UUID, Usage> usage =
			io.knowledgecloud.platform.Caches.expiringAfterWrite(10_000, USAGE_TTL);

	/** Live documents and bytes of a workspace: counted at {@code countedAt}, plus this replica's uploads since. */
	private record Usage(long documents, long bytes, long countedAt) {
	}

	DocumentManagement(Documents documents, BlobStore blobs, UploadSpooler spooler, WorkspaceAccess access,
			Cursors cursors, ApplicationEventPublisher events, DocumentSettings settings, Clock clock,
			DocumentPurge purge, DocumentEventLog log) {
		this.purge = purge;
		this.log = log;
		this.documents = documents;
		this.blobs = blobs;
		this.spooler = spooler;
		this.access = access;
		this.cursors = cursors;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public Uploaded upload(WorkspaceId ws, CurrentUser caller, NewUpload upload) throws IOException {
		access.require(ws, caller, Role.EDITOR);
		checkAcl(ws, upload.allowedUsers());
		try (UploadSpooler.Spooled spooled = spooler.spool(upload.content(), upload.fileName(), upload.writtenAs())) {
			if (!upload.allowDuplicate()) {
				Optional<Document> existing = documents.findBySha(ws.value(), spooled.sha256())
					.filter(d -> d.visibleTo(caller.userId().value(), false));
				if (existing.isPresent()) {
					return new Uploaded(existing.get(), true);
				}
			}
			checkQuota(ws, 1, spooled.size());
			blobs.put(spooled.sha256(), spooled.file(), spooled.mediaType());
			Instant now = clock.instant();
			String fileName = fileName(upload.fileName());
			String title = upload.title() == null || upload.title().isBlank() ? fileName : upload.title().strip();
			var document = new Document(new DocumentId(UUID.randomUUID()), ws.value(), title, fileName,
					spooled.mediaType(), spooled.size(), spooled.sha256(), upload.tags(), upload.collection(),
					!upload.allowedUsers().isEmpty(), upload.allowedUsers(), DocumentStatus.PENDING, null, null, null, 0,
					1, null, null, null, caller.userId().value(), now, now, 0);
			documents.insert(document);
			documents.insertVersion(new DocumentVersion(document.id().value(), 1, spooled.sha256(), spooled.sha256(),
					spooled.size(), spooled.mediaType(), fileName, caller.userId().value(), now));
			events.publishEvent(new DocumentUploaded(ws.value(), document.id(), 1, spooled.sha256(),
					spooled.mediaType(), title, upload.tags(), upload.collection(), document.searchAcl()));
			log.append(ws.value(), document.id().value(), DocumentEventLog.Type.UPLOADED, DocumentStatus.PENDING, null, 1,
					null, now);
			return new Uploaded(documents.find(ws.value(), document.id()).orElseThrow(), false);
		}
	}

	@Transactional
	public Document addVersion(WorkspaceId ws, CurrentUser caller, DocumentId id, InputStream content,
			@Nullable String fileName) throws IOException {
		Document current = visible(ws, caller, id, access.require(ws, caller, Role.EDITOR));
		try (UploadSpooler.Spooled spooled = spooler.spool(content, fileName)) {
			checkQuota(ws, 0, Math.max(0, spooled.size() - current.sizeBytes()));
			blobs.put(spooled.sha256(), spooled.file(), spooled.mediaType());
			Instant now = clock.instant();
			int version = current.currentVersion() + 1;
			String name = fileName == null ? current.fileName() : fileName(fileName);
			documents.newVersion(new DocumentVersion(id.value(), version, spooled.sha256(), spooled.sha256(),
					spooled.size(), spooled.mediaType(), name, caller.userId().value(), now), current.title(), now);
			purge.trimVersions(id, now);
			log.append(ws.value(), id.value(), DocumentEventLog.Type.UPLOADED, DocumentStatus.PENDING, null, version,
					null, now);
			events.publishEvent(new DocumentVersionAdded(ws.value(), id, version, spooled.sha256(), spooled.mediaType(),
					current.title(), current.tags(), current.collection(), current.searchAcl()));
			return documents.find(ws.value(), id).orElseThrow();
		}
	}

	public Document get(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		return visible(ws, caller, id, access.require(ws, caller, Role.VIEWER));
	}

	public CursorPage<Document> list(WorkspaceId ws, CurrentUser caller, DocumentQuery filter,
			@Nullable String cursor, @Nullable Integer limit) {
		Role role = access.require(ws, caller, Role.VIEWER);
		String scope = "documents:" + ws + ":" + filter.sort();
		PageRequest page = cursors.request(scope, cursor, limit);
		List<Document> rows = documents.page(ws.value(), caller.userId().value(), role.atLeast(Role.ADMIN), filter,
				page);
		return cursors.page(scope, rows, page, d -> List.of(
				filter.sort().column.equals("title") ? d.title() : d.createdAt().toString(), d.id().toString()));
	}

	/** The current version of a document the caller may see, for reindexing. */
	public IndexableDocument indexable(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		return indexable(get(ws, caller, id));
	}

	/** Live documents of a workspace in id order (no access check: for workspace-wide jobs). */
	public List<IndexableDocument> indexable(WorkspaceId ws, @Nullable DocumentId afterId, int limit) {
		return documents.live(ws.value(), afterId == null ? null : afterId.value(), limit).stream()
			.map(DocumentManagement::indexable)
			.toList();
	}

	/** Unrestricted live documents added since {@code since}, newest first (no access check: for system jobs). */
	public List<io.knowledgecloud.document.RecentDocument> addedSince(WorkspaceId ws, java.time.Instant since,
			int limit) {
		return documents.addedSince(ws.value(), since, limit);
	}

	/** Those of the documents that are live (no access check: for system jobs). */
	public List<IndexableDocument> indexable(java.util.Collection<DocumentId> ids) {
		return documents.live(ids.stream().map(DocumentId::value).toList()).stream()
			.map(DocumentManagement::indexable)
			.toList();
	}

	private static IndexableDocument indexable(Document d) {
		return new IndexableDocument(d.workspaceId(), d.id(), d.currentVersion(), d.sha256(), d.mediaType(), d.title(),
				d.tags(), d.collection(), d.searchAcl(), d.status());
	}

	public List<DocumentVersion> versions(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		get(ws, caller, id);
		return documents.versions(id);
	}

	/** The version to download (current when {@code version} is null). */
	public DocumentVersion versionForDownload(WorkspaceId ws, CurrentUser caller, DocumentId id,
			@Nullable Integer version) {
		Document document = get(ws, caller, id);
		return documents.version(id, version == null ? document.currentVersion() : version)
			.orElseThrow(VersionNotFound::new);
	}

	public InputStream open(DocumentVersion version, long offset, long length) throws IOException {
		return blobs.open(version.blobKey(), offset, length);
	}

	@Transactional
	public Document updateMetadata(WorkspaceId ws, CurrentUser caller, DocumentId id, MetadataChange change,
			@Nullable String ifMatch) {
		Document current = visible(ws, caller, id, access.require(ws, caller, Role.EDITOR));
		ETags.checkIfMatch(ifMatch, current.rowVersion());
		checkAcl(ws, change.allowedUsers());
		documents.updateMetadata(id, change.title().strip(), change.tags(), change.collection(),
				change.restricted() || !change.allowedUsers().isEmpty(), change.allowedUsers(), clock.instant());
		Document updated = documents.find(ws.value(), id).orElseThrow(DocumentNotFound::new);
		events.publishEvent(new DocumentAccessChanged(ws.value(), id, updated.title(), updated.tags(),
				updated.collection(), updated.searchAcl()));
		return updated;
	}

	@Transactional
	public void delete(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		Document document = visible(ws, caller, id, access.require(ws, caller, Role.EDITOR));
		documents.markDeleted(id, clock.instant());
		events.publishEvent(new DocumentDeleted(ws.value(), id));
		log.append(ws.value(), id.value(), DocumentEventLog.Type.DELETED, DocumentStatus.DELETED, null,
				document.currentVersion(), null, clock.instant());
	}

	/** Applies ingestion progress (called by the listener) and logs the change for the event stream. */
	@Transactional
	public void report(IngestionReport report, DocumentStatus status, @Nullable String stage,
			@Nullable String failureCode, @Nullable String failureMessage, @Nullable Integer chunkCount,
			@Nullable String timings, @Nullable UUID nearDuplicateOf) {
		Instant now = clock.instant();
		UUID workspaceId = report.workspaceId();
		DocumentId id = report.documentId();
		int version = report.version();
		if (documents.report(id, version, status, stage, failureCode, failureMessage, chunkCount, timings,
				nearDuplicateOf, report.at(), report.reindex(), now) == 1) {
			var type = switch (status) {
				case INDEXED -> DocumentEventLog.Type.INDEXED;
				case FAILED -> DocumentEventLog.Type.FAILED;
				default -> DocumentEventLog.Type.PROCESSING;
			};
			log.append(workspaceId, id.value(), type, status, stage, version, failureCode, now);
			if (report instanceof IngestionReport.Indexed indexed) {
				adoptExtractedTitle(workspaceId, id, indexed.extractedTitle(), now);
			}
		}
	}

	/**
	 * A document whose title is only its file name takes the title it declares itself (PDF or Office
	 * metadata, HTML); search learns it through {@link DocumentAccessChanged}.
	 */
	private void adoptExtractedTitle(UUID workspaceId, DocumentId id, @Nullable String extracted, Instant now) {
		if (extracted == null) {
			return;
		}
		String title = cleanTitle(extracted);
		if (title.isEmpty() || !documents.retitleFromFileName(id, title, now)) {
			return;
		}
		Document updated = documents.find(workspaceId, id).orElseThrow(DocumentNotFound::new);
		events.publishEvent(new DocumentAccessChanged(workspaceId, id, updated.title(), updated.tags(),
				updated.collection(), updated.searchAcl()));
	}

	private Document visible(WorkspaceId ws, CurrentUser caller, DocumentId id, Role role) {
		boolean admin = role.atLeast(Role.ADMIN);
		return documents.find(ws.value(), id)
			.filter(d -> d.visibleTo(caller.userId().value(), admin))
			.orElseThrow(DocumentNotFound::new);
	}

	private void checkAcl(WorkspaceId ws, Set<UUID> users) {
		for (UUID user : users) {
			if (!access.isMember(ws, new UserId(user))) {
				throw new NotAMember(user);
			}
		}
	}

	/** How long a workspace's counted usage stands in for counting again, far from the quotas. */
	static final java.time.Duration USAGE_TTL = java.time.Duration.ofSeconds(2);
	/** Below this share of both quotas the last count (at most {@link #USAGE_TTL} old) is enough. */
	static final double USAGE_MARGIN = 0.9;

	private void checkQuota(WorkspaceId ws, int extraDocuments, long extraBytes) {
		// one upload of a workspace at a time checks and adds itself (compute is atomic per key), so
		// concurrent uploads on this replica never both pass on the same count
		usage.asMap().compute(ws.value(), (id, known) -> {
			long now = System.nanoTime();
			Usage current = known;
			if (current == null || now - current.countedAt() > USAGE_TTL.toNanos()
					|| !farBelowQuotas(current.documents(), current.bytes(), extraDocuments, extraBytes,
							settings.maxDocumentsPerWorkspace(), settings.maxBytesPerWorkspace().toBytes())) {
				// near a quota every upload counts afresh, so the limits hold exactly (as exactly as
				// concurrent transactions allow); far from them, all a count at most USAGE_TTL old can
				// miss is other replicas' uploads of that moment
				long[] counted = documents.usage(id);
				current = new Usage(counted[0], counted[1], now);
			}
			if (current.documents() + extraDocuments > settings.maxDocumentsPerWorkspace()) {
				throw new QuotaExceeded("The workspace has reached its limit of " + settings.maxDocumentsPerWorkspace()
						+ " documents.");
			}
			if (current.bytes() + extraBytes > settings.maxBytesPerWorkspace().toBytes()) {
				throw new QuotaExceeded("The workspace has reached its storage limit of "
						+ settings.maxBytesPerWorkspace().toMegabytes() + " MB.");
			}
			// counted as if the upload succeeds: a failed one only makes a later check count sooner
			return new Usage(current.documents() + extraDocuments, current.bytes() + extraBytes, current.countedAt());
		});
	}

	/** Whether the counted usage plus the upload stays below {@link #USAGE_MARGIN} of both quotas. */
	static boolean farBelowQuotas(long documents, long bytes, int extraDocuments, long extraBytes, long maxDocuments,
			long maxBytes) {
		return documents + extraDocuments < USAGE_MARGIN * maxDocuments && bytes + extraBytes < USAGE_MARGIN * maxBytes;
	}

	/**
	 * A title the server takes from a document's own text or metadata: control characters become
	 * spaces, the ends are stripped, and it is cut at 500 characters (the API's limit for titles).
	 */
	static String cleanTitle(String raw) {
		String title = raw.replaceAll("\\p{Cntrl}", " ").strip();
		return title.length() > 500 ? title.substring(0, 500) : title;
	}

	private static String fileName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return "document";
		}
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
		return base.isEmpty() ? "document" : base.length() > 255 ? base.substring(0, 255) : base;
	}

	/** An ACL names someone who is not a member of the workspace. */
	static final class NotAMember extends io.knowledgecloud.platform.KnowledgeCloudException {
		NotAMember(UUID user) {
			super(org.springframework.http.HttpStatus.BAD_REQUEST, "acl_user_not_member",
					"User " + user + " is not a member of this workspace.");
		}
	}
}
