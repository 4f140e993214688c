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
import io.knowledgecloud.assistant.Answers;
import io.knowledgecloud.assistant.AssistantLimits;
import io.knowledgecloud.assistant.PromptPreview;
import io.knowledgecloud.assistant.PromptTemplateView;
import io.knowledgecloud.assistant.ProviderChoice;
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
	private final Answers answers;

	AssistantAdminController(AssistantAdministration administration, Answers answers) {
		this.administration = administration;
		this.answers = answers;
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

	record TemplateBody(@jakarta.validation.constraints.NotNull String system,
			@jakarta.validation.constraints.NotNull String user) {
	}

	record PreviewBody(@jakarta.validation.constraints.NotNull String question, @Nullable String system,
			@Nullable String user) {
	}

	@GetMapping("/assistant/prompt")
	@Operation(summary = "Active prompt template", description = "The workspace's newest template, or the built-in "
			+ "one (`builtin: true`, version 0).")
	PromptTemplateView prompt(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return administration.prompt(new WorkspaceId(ws), user);
	}

	@GetMapping("/assistant/prompt/versions")
	@Operation(summary = "Prompt template versions", description = "Newest first (at most 100).")
	java.util.List<PromptTemplateView> promptVersions(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID ws) {
		return administration.promptVersions(new WorkspaceId(ws), user);
	}

	@PutMapping("/assistant/prompt")
	@Operation(summary = "Save a prompt template version (admin)", description = "`system` and `user` messages with "
			+ "the variables `{{sources}}` (required), `{{question}}` (required) and `{{workspace}}`; anything else is "
			+ "refused with `invalid_template`. Values are inserted once, never re-read as template text, so text in "
			+ "documents cannot inject variables.")
	PromptTemplateView savePrompt(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody TemplateBody body) {
		return administration.savePrompt(new WorkspaceId(ws), user, body.system(), body.user());
	}

	@org.springframework.web.bind.annotation.DeleteMapping("/assistant/prompt")
	@Operation(summary = "Back to the built-in prompt template (admin)")
	PromptTemplateView resetPrompt(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return administration.resetPrompt(new WorkspaceId(ws), user);
	}

	@org.springframework.web.bind.annotation.PostMapping("/assistant/prompt/preview")
	@Operation(summary = "Preview a prompt (admin)", description = "The messages a `question` would send to the model, "
			+ "with the sources retrieved for it, using the active template or a draft (`system` and `user`). No model "
			+ "is called.")
	PromptPreview preview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody PreviewBody body) {
		return answers.preview(new WorkspaceId(ws), user, body.question(), body.system(), body.user());
	}

	record ProviderBody(@jakarta.validation.constraints.NotNull String provider, @Nullable String model,
			@Nullable String baseUrl, @Nullable @jakarta.validation.constraints.Size(max = 500) String apiKey) {
	}

	@GetMapping("/assistant/provider")
	@Operation(summary = "Chat provider", description = "The workspace's own provider, or the server's "
			+ "(`inherited: true`). The API key is never returned; `api_key_set` says whether one is stored.")
	ProviderChoice provider(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return administration.provider(new WorkspaceId(ws), user);
	}

	@PutMapping("/assistant/provider")
	@Operation(summary = "Set the chat provider (admin)", description = "`provider` (`extractive`, `openai` or "
			+ "`anthropic`), `model`, `base_url` (must start with one of the server's `kc.assistant.workspace-base-urls`, "
			+ "else `base_url_not_allowed`), `api_key` (stored encrypted; omit to keep the stored one, empty to remove).")
	ProviderChoice setProvider(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody ProviderBody body) {
		return administration.setProvider(new WorkspaceId(ws), user, body.provider(), body.model(), body.baseUrl(),
				body.apiKey());
	}

	@org.springframework.web.bind.annotation.DeleteMapping("/assistant/provider")
	@Operation(summary = "Use the server's chat provider again (admin)")
	ProviderChoice resetProvider(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws) {
		return administration.resetProvider(new WorkspaceId(ws), user);
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
