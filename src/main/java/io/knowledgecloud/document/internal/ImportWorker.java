package io.knowledgecloud.document.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.BackgroundService;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.WorkspaceId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs bulk imports, one at a time per replica, line by line. Each line's document and the
 * import's progress commit in one transaction, so after a crash (its lease runs out) or a
 * shutdown (it is released) the import resumes after the last committed line and no line
 * becomes two documents.
 */
@Component
class ImportWorker extends BackgroundService {

	static final Duration LEASE = Duration.ofMinutes(2);
	private static final Duration POLL = Duration.ofSeconds(1);
	private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Imports imports;
	private final BlobStore blobs;
	private final DocumentManagement documents;
	private final UserDirectory users;
	private final TransactionTemplate tx;
	private final Retention retention;
	private final String name = "importer-" + UUID.randomUUID().toString().substring(0, 8);

	ImportWorker(Imports imports, BlobStore blobs, DocumentManagement documents, UserDirectory users,
			TransactionTemplate tx, Retention retention) {
		super("document-import", POLL, Duration.ofSeconds(10));
		this.imports = imports;
		this.blobs = blobs;
		this.documents = documents;
		this.users = users;
		this.tx = tx;
		this.retention = retention;
	}

	@Override
	protected boolean round() {
		var next = imports.claim(name, LEASE);
		next.ifPresent(this::run);
		return next.isPresent();
	}

	private void run(Imports.Import job) {
		var ws = new WorkspaceId(job.workspaceId());
		var owner = users.find(new UserId(job.createdBy()));
		if (owner.isEmpty()) {
			end(job, "FAILED", "The user who started the import no longer exists.");
			return;
		}
		var caller = new CurrentUser(owner.get().id(), owner.get().email(), null, null);
		long line = 0;
		try (var reader = new BufferedReader(
				new InputStreamReader(blobs.open(job.blobKey(), 0, -1), StandardCharsets.UTF_8))) {
			String text;
			while ((text = reader.readLine()) != null) {
				line++;
				if (line <= job.linesRead() || text.isBlank()) {
					continue; // committed before a restart, or nothing to import
				}
				if (!shouldContinue()) {
					imports.release(job.id(), name);
					return;
				}
				if (!importLine(job, ws, caller, line, text)) {
					log.info("Import {} was taken over by another worker at line {}", job.id(), line);
					return;
				}
			}
			end(job, "DONE", null);
		}
		catch (IOException | RuntimeException e) {
			log.warn("Import {} stopped at line {}", job.id(), line, e);
			end(job, "FAILED", "Reading the file failed at line " + line + ": " + e.getClass().getSimpleName());
		}
	}

	/** Imports one line; false when the import is no longer ours. */
	private boolean importLine(Imports.Import job, WorkspaceId ws, CurrentUser caller, long line, String text) {
		DocumentManagement.NewUpload upload;
		try {
			upload = upload(text);
		}
		catch (IllegalArgumentException e) {
			return failedLine(job, line, e.getMessage());
		}
		try {
			Boolean ours = tx.execute(status -> {
				DocumentManagement.Uploaded uploaded = uploadOrThrow(ws, caller, upload);
				boolean mine = imports.line(job.id(), name, line, uploaded.duplicate() ? 0 : 1,
						uploaded.duplicate() ? 1 : 0, null, LEASE);
				if (!mine) {
					status.setRollbackOnly();
				}
				return mine;
			});
			return Boolean.TRUE.equals(ours);
		}
		catch (KnowledgeCloudException e) { // e.g. quota_exceeded, empty_file, payload_too_large
			return failedLine(job, line, e.code() + ": " + e.getMessage());
		}
	}

	private boolean failedLine(Imports.Import job, long line, @Nullable String message) {
		String text = message == null ? "invalid line" : message.length() > 300 ? message.substring(0, 300) : message;
		return Boolean.TRUE.equals(tx.execute(status -> imports.line(job.id(), name, line, 0, 0,
				new Imports.LineError(line, text), LEASE)));
	}

	private DocumentManagement.Uploaded uploadOrThrow(WorkspaceId ws, CurrentUser caller,
			DocumentManagement.NewUpload upload) {
		try {
			return documents.upload(ws, caller, upload);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/**
	 * The type of the documents an import writes: plain UTF-8 text that this class puts together
	 * from a line's strings, so the upload does not detect it (extraction still checks the bytes).
	 */
	static final String TEXT = "text/plain";

	/** A BEIR line: {@code {"_id": "…", "title": "…", "text": "…"}}. */
	static DocumentManagement.NewUpload upload(String line) {
		JsonNode node;
		try {
			node = JSON.readTree(line);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("not a JSON object");
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("not a JSON object");
		}
		String id = node.path("_id").asString("").strip();
		String title = node.path("title").asString("").strip();
		String body = node.path("text").asString("");
		if (id.isEmpty()) {
			throw new IllegalArgumentException("no _id");
		}
		if (body.isBlank() && title.isEmpty()) {
			throw new IllegalArgumentException("no text");
		}
		String content = title.isEmpty() ? body : title + "\n\n" + body;
		String name = DocumentManagement.cleanTitle(title.isEmpty() ? id : title);
		return new DocumentManagement.NewUpload(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
				id + ".txt", name, List.of(), null, Set.of(), false, TEXT);
	}

	private void end(Imports.Import job, String state, @Nullable String message) {
		tx.executeWithoutResult(status -> {
			imports.finish(job.id(), name, state, message);
			// the file is no longer needed; the purge job deletes it unless it is also a document
			retention.orphanCandidates(List.of(job.blobKey()), java.time.Instant.now());
		});
	}
}
