package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Signed, expiring URLs that work without an {@code Authorization} header: downloads (a native
 * pre-signed URL when the blob store has one, as S3 does; else an HMAC-signed link to
 * {@code GET /api/v1/blobs/{token}}) and single-use uploads ({@code /api/v1/uploads/{token}}).
 * Whoever holds a link may use it until it expires: access is checked when it is issued, and an
 * upload link re-checks the uploader's role when it is used.
 */
@Service
public class DocumentLinks {

	/** A URL and when it stops working. */
	public record Link(URI url, Instant expiresAt) {
	}

	private final DocumentManagement management;
	private final Documents documents;
	private final BlobStore blobs;
	private final SignedLinks signer;
	private final UploadLinks uploads;
	private final WorkspaceAccess access;
	private final UserDirectory users;
	private final DocumentSettings settings;
	private final Clock clock;

	DocumentLinks(DocumentManagement management, Documents documents, BlobStore blobs, SignedLinks signer,
			UploadLinks uploads, WorkspaceAccess access, UserDirectory users, DocumentSettings settings, Clock clock) {
		this.management = management;
		this.documents = documents;
		this.blobs = blobs;
		this.signer = signer;
		this.uploads = uploads;
		this.access = access;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	/** A download URL of the version (current when null), valid for {@code kc.documents.download-url-ttl}. */
	public Link downloadUrl(WorkspaceId ws, CurrentUser caller, DocumentId id, @Nullable Integer version, URI base) {
		DocumentVersion v = management.versionForDownload(ws, caller, id, version);
		Instant expires = clock.instant().plus(settings.downloadUrlTtl());
		Optional<URI> presigned = blobs.presignedDownload(v.blobKey(), settings.downloadUrlTtl(), v.fileName(),
				v.mediaType());
		if (presigned.isPresent()) {
			return new Link(presigned.get(), expires);
		}
		String token = signer.sign(new SignedLinks.Download(ws.value(), id.value(), v.version(), expires));
		return new Link(resolve(base, "api/v1/blobs/" + token), expires);
	}

	/** The version a download token names, while its document is not deleted. */
	public DocumentVersion resolveDownload(String token) {
		SignedLinks.Download link = signer.download(token);
		var id = new DocumentId(link.documentId());
		documents.find(link.workspaceId(), id).orElseThrow(DocumentNotFound::new);
		return documents.version(id, link.version()).orElseThrow(VersionNotFound::new);
	}

	/** A single-use upload URL into the workspace for the caller (an editor). */
	@Transactional
	public Link uploadUrl(WorkspaceId ws, CurrentUser caller, URI base) {
		access.require(ws, caller, Role.EDITOR);
		Instant expires = clock.instant().plus(settings.uploadUrlTtl());
		var link = new SignedLinks.Upload(UUID.randomUUID(), ws.value(), caller.userId().value(), expires);
		uploads.issued(link);
		return new Link(resolve(base, "api/v1/uploads/" + signer.sign(link)), expires);
	}

	/** Uploads through a link, as its issuer (whose role is checked again now); the link is then used up. */
	@Transactional
	public DocumentManagement.Uploaded upload(String token, DocumentManagement.NewUpload upload) throws IOException {
		SignedLinks.Upload link = signer.upload(token);
		if (!uploads.use(link.id(), clock.instant())) {
			throw new SignedLinks.UploadUrlUsed();
		}
		var uploader = users.find(new UserId(link.uploader())).orElseThrow(SignedLinks.SignedUrlInvalid::new);
		var caller = new CurrentUser(uploader.id(), uploader.email(), null, null);
		DocumentManagement.Uploaded uploaded = management.upload(new WorkspaceId(link.workspaceId()), caller, upload);
		uploads.uploaded(link.id(), uploaded.document().id().value());
		return uploaded;
	}

	private static URI resolve(URI base, String path) {
		String b = base.toString();
		return URI.create((b.endsWith("/") ? b : b + "/") + path);
	}
}
