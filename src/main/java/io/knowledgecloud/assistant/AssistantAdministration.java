package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;
import io.knowledgecloud.assistant.internal.LimitsStore;
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

	AssistantAdministration(UsageLedger ledger, LimitsStore store, WorkspaceLimits limits, WorkspaceAccess access) {
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

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		ledger.deleteWorkspace(event.workspaceId().value());
		store.deleteWorkspace(event.workspaceId().value());
	}
}
