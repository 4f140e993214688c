package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Bulk import of a BEIR {@code corpus.jsonl} ({@code {"_id", "title", "text"}} per line): one
 * document per line, named {@code <_id>.txt}, processed in the background by {@link ImportWorker}.
 * The file is kept as a blob until the import ends, so any replica can resume it.
 */
@Service
public class BulkImports {

	/** An import's progress as the API shows it. */
	public record Status(UUID id, String state, String fileName, long linesRead, long created, long duplicates,
			long failed, List<LineError> errors, @Nullable String message, Instant createdAt, Instant updatedAt,
			@Nullable Instant finishedAt) {
	}

	/** Why a line was not imported. */
	public record LineError(long line, String message) {
	}

	private final Imports imports;
	private final UploadSpooler spooler;
	private final BlobStore blobs;
	private final WorkspaceAccess access;
	private final ImportWorker worker;

	BulkImports(Imports imports, UploadSpooler spooler, BlobStore blobs, WorkspaceAccess access, ImportWorker worker) {
		this.imports = imports;
		this.spooler = spooler;
		this.blobs = blobs;
		this.access = access;
		this.worker = worker;
	}

	/** Stores the file and queues the import (editors). */
	public Status start(WorkspaceId ws, CurrentUser caller, InputStream content, @Nullable String fileName)
			throws IOException {
		access.require(ws, caller, Role.EDITOR);
		UUID id = UUID.randomUUID();
		try (UploadSpooler.Spooled spooled = spooler.spool(content, fileName)) {
			blobs.put(spooled.sha256(), spooled.file(), "application/x-ndjson");
			imports.insert(id, ws.value(), caller.userId().value(), spooled.sha256(),
					fileName == null || fileName.isBlank() ? "corpus.jsonl" : fileName.strip());
		}
		worker.wake();
		return status(imports.find(ws.value(), id).orElseThrow());
	}

	public Status status(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.VIEWER);
		return imports.find(ws.value(), id).map(BulkImports::status).orElseThrow(ImportNotFound::new);
	}

	private static Status status(Imports.Import i) {
		return new Status(i.id(), i.state().toLowerCase(java.util.Locale.ROOT), i.fileName(), i.linesRead(),
				i.created(), i.duplicates(), i.failed(),
				i.errors().stream().map(e -> new LineError(e.line(), e.message())).toList(), i.message(), i.createdAt(),
				i.updatedAt(), i.finishedAt());
	}

	/** No such import in this workspace. */
	static final class ImportNotFound extends KnowledgeCloudException {
		ImportNotFound() {
			super(HttpStatus.NOT_FOUND, "import_not_found", "No such import in this workspace.");
		}
	}
}
