package io.knowledgecloud.jobs.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.jobs.DeadLetter;
import io.knowledgecloud.jobs.internal.DeadLetterManagement;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Jobs of a workspace that failed their last attempt. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/jobs/dead-letters")
@Tag(name = "Jobs")
class DeadLetterController {

	private final DeadLetterManagement deadLetters;

	DeadLetterController(DeadLetterManagement deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	@Operation(summary = "Dead-lettered jobs (admin)", description = "Newest first, with the last error.")
	CursorPage<DeadLetter> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return deadLetters.list(new WorkspaceId(ws), user, cursor, limit);
	}

	@PostMapping("/{id}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Retry a dead-lettered job (admin)", description = "Submits the job again under the same id "
			+ "with a fresh count of attempts and removes the dead letter.")
	Map<String, UUID> retry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return Map.of("job_id", deadLetters.retry(new WorkspaceId(ws), user, id));
	}
}
