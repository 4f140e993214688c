package io.knowledgecloud.jobs.web;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.jobs.internal.Schedule;
import io.knowledgecloud.jobs.internal.ScheduleManagement;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A workspace's schedules (admins only). */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/schedules")
@Tag(name = "Jobs")
class ScheduleController {

	private static final String FIELDS = "`kind` (a schedulable job type, e.g. `weekly_digest`), `cron` (Spring's six "
			+ "fields with seconds, five classic fields, or a macro such as `@weekly`), `time_zone` (IANA, default UTC), "
			+ "`parameters` (JSON object handed to the job), `enabled` (default true). Errors: `unknown_kind`, "
			+ "`invalid_cron`, `invalid_time_zone`, `schedule_too_frequent` (kc.jobs.min-schedule-interval).";

	private final ScheduleManagement schedules;

	ScheduleController(ScheduleManagement schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	@Operation(summary = "Schedules (admin)", description = "Oldest first.")
	CursorPage<Schedule> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return schedules.list(new WorkspaceId(ws), user, cursor, limit);
	}

	@PostMapping
	@Operation(summary = "Create a schedule (admin)", description = FIELDS)
	ResponseEntity<Schedule> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestBody ScheduleManagement.Fields body) {
		Schedule s = schedules.create(new WorkspaceId(ws), user, body);
		return ResponseEntity.created(URI.create("/api/v1/workspaces/" + ws + "/schedules/" + s.id())).body(s);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A schedule (admin)")
	Schedule get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return schedules.get(new WorkspaceId(ws), user, id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a schedule (admin)", description = FIELDS)
	Schedule update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@RequestBody ScheduleManagement.Fields body) {
		return schedules.update(new WorkspaceId(ws), user, id, body);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a schedule (admin)")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		schedules.delete(new WorkspaceId(ws), user, id);
	}

	@PostMapping("/{id}/run")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Run a schedule now (admin)", description = "Submits a job of the schedule's kind at once; "
			+ "the schedule's next occurrence is unchanged.")
	Map<String, UUID> run(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return Map.of("job_id", schedules.runNow(new WorkspaceId(ws), user, id));
	}
}
