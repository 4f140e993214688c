package io.knowledgecloud.document.web;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.knowledgecloud.document.internal.BulkImports;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Bulk import of a BEIR corpus.jsonl. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/imports")
@Tag(name = "Documents")
class ImportController {

	private final BulkImports imports;

	ImportController(BulkImports imports) {
		this.imports = imports;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import a BEIR corpus.jsonl", description = "Editors. Multipart `file`: one JSON object per "
			+ "line, `{\"_id\", \"title\", \"text\"}`. Each line becomes a document named `<_id>.txt` with the title "
			+ "(or the id) as its title and `title` + blank line + `text` as its content; exact duplicates are counted, "
			+ "not created. Runs in the background, resumes after a restart from the last committed line; follow it with "
			+ "`GET …/imports/{id}`. The file counts against `kc.documents.max-upload-size`.")
	@ApiResponse(responseCode = "202", description = "Stored and queued")
	ResponseEntity<BulkImports.Status> start(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestPart("file") MultipartFile file) throws IOException {
		BulkImports.Status status = imports.start(new WorkspaceId(ws), user, file.getInputStream(),
				file.getOriginalFilename());
		return ResponseEntity.accepted().location(URI.create("/api/v1/workspaces/" + ws + "/imports/" + status.id()))
			.body(status);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Progress of an import", description = "`state`: queued, running, done or failed (`message` "
			+ "says why); `lines_read`, `created`, `duplicates`, `failed` and the first 10 `errors` (`line`, `message`).")
	@ApiResponse(responseCode = "404", description = "No such import in this workspace (import_not_found)")
	BulkImports.Status status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return imports.status(new WorkspaceId(ws), user, id);
	}
}
