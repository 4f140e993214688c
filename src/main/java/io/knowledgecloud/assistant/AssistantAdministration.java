package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;
import io.knowledgecloud.assistant.internal.LimitsStore;
import io.knowledgecloud.assistant.internal.PromptTemplates;
import io.knowledgecloud.assistant.internal.UsageLedger;
import io.knowledgecloud.assistant.internal.WorkspaceLimits;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceDeleted;
import io.knowledgecloud.workspace.WorkspaceId;

/** A workspace's assistant usage and limits, for its admins. */
@Service
public class AssistantAdministration {

	private final UsageLedger ledger;
	private final LimitsStore store;
	private final WorkspaceLimits limits;
	private final WorkspaceAccess access;
	private final PromptTemplates templates;

	AssistantAdministration(UsageLedger ledger, LimitsStore store, WorkspaceLimits limits, WorkspaceAccess access,
			PromptTemplates templates) {
		this.templates = templates;
		this.ledger = ledger;
		this.store = store;
		this.limits = limits;
		this.access = access;
	}

	/** Usage between {@code from} and {@code to} (inclusive, UTC days; default: this month so far). */
	public UsageReport usage(WorkspaceId ws, CurrentUser caller, @Nullable LocalDate from, @Nullable LocalDate to) {
		access.require(ws, caller, Role.ADMIN);
		LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
		LocalDate start = from == null ? today.withDayOfMonth(1) : from;
		LocalDate end = to == null ? today : to;
		if (end.isBefore(start) || start.plusDays(366).isBefore(end)) {
			throw new InvalidQuestion("invalid_date_range", "'from' must not be after 'to', and the range at most a year.");
		}
		List<UsageReport.Row> rows = ledger.rows(ws.value(), start, end);
		long requests = 0;
		long in = 0;
		long out = 0;
		BigDecimal cost = BigDecimal.ZERO;
		for (UsageReport.Row r : rows) {
			requests += r.requests();
			in += r.inputTokens();
			out += r.outputTokens();
			cost = cost.add(r.cost());
		}
		return new UsageReport(start, end, rows, requests, in, out, cost, ledger.monthToDate(ws.value()),
				limits.of(ws.value()).monthlyBudget());
	}

	public AssistantLimits limits(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return limits.of(ws.value());
	}

	public AssistantLimits setLimits(WorkspaceId ws, CurrentUser caller, AssistantLimits newLimits) {
		access.require(ws, caller, Role.ADMIN);
		store.save(ws.value(), newLimits, caller.userId().value());
		limits.changed(ws.value());
		return newLimits;
	}

	/** The active prompt template (the built-in one when the workspace has none). */
	public PromptTemplateView prompt(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return templates.view(ws.value());
	}

	public List<PromptTemplateView> promptVersions(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return templates.versions(ws.value());
	}

	/** Stores a new version of the workspace's template; admins only. */
	public PromptTemplateView savePrompt(WorkspaceId ws, CurrentUser caller, String system, String user) {
		access.require(ws, caller, Role.ADMIN);
		return templates.save(ws.value(), system, user, caller.userId().value());
	}

	/** Back to the built-in template (all stored versions are removed); admins only. */
	public PromptTemplateView resetPrompt(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.ADMIN);
		templates.reset(ws.value());
		return PromptTemplates.builtin();
	}

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		templates.reset(event.workspaceId().value());
		ledger.deleteWorkspace(event.workspaceId().value());
		store.deleteWorkspace(event.workspaceId().value());
	}
}
