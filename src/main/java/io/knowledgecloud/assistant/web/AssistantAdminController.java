package io.knowledgecloud.assistant.web;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.assistant.AssistantAdministration;
import io.knowledgecloud.assistant.AssistantLimits;
import io.knowledgecloud.assistant.UsageReport;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Assistant usage ledger and limits of a workspace. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}")
@Tag(name = "Answers")
class AssistantAdminController {

	private final AssistantAdministration administration;

	AssistantAdminController(AssistantAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/usage")
	@Operation(summary = "Assistant usage (admin)", description = "Requests, tokens and cost per UTC day, model and "
			+ "user between `from` and `to` (ISO dates, inclusive; default this month), with totals, the month's "
			+ "spending and the budget.")
	UsageReport usage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable LocalDate from,
			@RequestParam(required = false) @Nullable LocalDate to) {
		return administration.usage(new WorkspaceId(ws), user, from, to);
	}

	@GetMapping("/assistant/limits")
	@Operation(summary = "Assistant limits", description = "Monthly budget, what happens beyond it, and language-model "
			+ "requests per minute.")
	AssistantLimits limits(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return administration.limits(new WorkspaceId(ws), user);
	}

	@PutMapping("/assistant/limits")
	@Operation(summary = "Set assistant limits (admin)", description = "`monthly_budget` (cost per UTC month, null = "
			+ "none), `over_budget`: `refuse` (answers fail with `budget_exceeded`) or `extractive` (answers come from "
			+ "the extractive answerer, marked degraded), `requests_per_minute` (language-model answers per minute for "
			+ "the workspace, null = no extra limit).")
	AssistantLimits setLimits(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody AssistantLimits limits) {
		return administration.setLimits(new WorkspaceId(ws), user, limits);
	}
}
