package io.knowledgecloud.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.document.internal.DocumentManagement;
import io.knowledgecloud.document.internal.DocumentVersion;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Writes for other modules (agents store reports and apply approved updates). Every call runs
 * with the permissions of {@code caller}, exactly as the same upload through HTTP would.
 */
@Service
public class DocumentAuthoring {

	/** A stored version as other modules see it, with the document's title and tags. */
	public record StoredVersion(DocumentId documentId, int version, String mediaType, String fileName, long sizeBytes,
			String title, List<String> tags) {
	}

	private final DocumentManagement documents;

	DocumentAuthoring(DocumentManagement documents) {
		this.documents = documents;
	}

	/** Stores a new document; an identical existing document is not duplicated. */
	public StoredVersion create(WorkspaceId ws, CurrentUser caller, String title, String fileName, byte[] content,
			List<String> tags) {
		try {
			var uploaded = documents.upload(ws, caller, new DocumentManagement.NewUpload(new ByteArrayInputStream(content),
					fileName, title, tags, null, Set.of(), false));
			return current(ws, caller, uploaded.document().id());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Stores {@code content} as the document's next version. */
	@Transactional
	public StoredVersion addVersion(WorkspaceId ws, CurrentUser caller, DocumentId id, byte[] content,
			String fileName) {
		try {
			documents.addVersion(ws, caller, id, new ByteArrayInputStream(content), fileName);
			return current(ws, caller, id);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Stores the content of an earlier {@code version} again, as the document's next version. */
	@Transactional
	public StoredVersion restore(WorkspaceId ws, CurrentUser caller, DocumentId id, int version) {
		DocumentVersion old = documents.versionForDownload(ws, caller, id, version);
		try (InputStream in = documents.open(old, 0, -1)) {
			documents.addVersion(ws, caller, id, in, old.fileName());
			return current(ws, caller, id);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The current version's description. */
	public StoredVersion current(WorkspaceId ws, CurrentUser caller, DocumentId id) {
		var document = documents.get(ws, caller, id);
		DocumentVersion v = documents.versionForDownload(ws, caller, id, document.currentVersion());
		return new StoredVersion(id, v.version(), v.mediaType(), v.fileName(), v.sizeBytes(), document.title(),
				document.tags());
	}

	/** Changes title and tags; access list and collection stay as they are. */
	@Transactional
	public StoredVersion retitle(WorkspaceId ws, CurrentUser caller, DocumentId id, String title, List<String> tags) {
		var d = documents.get(ws, caller, id);
		documents.updateMetadata(ws, caller, id, new DocumentManagement.MetadataChange(title, tags, d.collection(),
				d.restricted(), d.allowedUsers()), null);
		return current(ws, caller, id);
	}

	/** The bytes of the current version, at most {@code maxBytes} of them. */
	public byte[] read(WorkspaceId ws, CurrentUser caller, DocumentId id, int maxBytes) {
		DocumentVersion v = documents.versionForDownload(ws, caller, id, null);
		try (InputStream in = documents.open(v, 0, -1)) {
			return in.readNBytes(maxBytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
