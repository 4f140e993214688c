package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;
import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidProvider;
import io.knowledgecloud.assistant.internal.AssistantSettings;
import io.knowledgecloud.assistant.internal.ChatModels;
import io.knowledgecloud.assistant.internal.LimitsStore;
import io.knowledgecloud.assistant.internal.ProviderStore;
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
	private final ProviderStore providers;
	private final ChatModels models;
	private final AssistantSettings settings;

	AssistantAdministration(UsageLedger ledger, LimitsStore store, WorkspaceLimits limits, WorkspaceAccess access,
			PromptTemplates templates, ProviderStore providers, ChatModels models, AssistantSettings settings) {
		this.providers = providers;
		this.models = models;
		this.settings = settings;
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

	/** The workspace's chat provider (the server's when it has none); the key is never shown. */
	public ProviderChoice provider(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.VIEWER);
		return providers.find(ws.value())
			.map(p -> new ProviderChoice(p.provider(), p.model(), p.baseUrl(), p.apiKey() != null, false, p.updatedAt()))
			.orElseGet(() -> new ProviderChoice(settings.provider(), settings.model(),
					settings.baseUrl() == null ? null : settings.baseUrl().toString(), settings.apiKey() != null, true,
					null));
	}

	/**
	 * Gives the workspace its own provider; admins only. {@code apiKey} {@code null} keeps the
	 * stored key, an empty one removes it. The base URL must be one the server allows.
	 */
	public ProviderChoice setProvider(WorkspaceId ws, CurrentUser caller, String provider, @Nullable String model,
			@Nullable String baseUrl, @Nullable String apiKey) {
		access.require(ws, caller, Role.ADMIN);
		if (!List.of("extractive", "openai", "anthropic").contains(provider)) {
			throw new InvalidProvider("invalid_provider", "provider must be extractive, openai or anthropic.");
		}
		String name = provider.equals("extractive") ? "extractive-v1" : model;
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new InvalidProvider("invalid_provider", "model is required (the provider's model name).");
		}
		String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
		if (provider.equals("openai") && url == null) {
			throw new InvalidProvider("invalid_provider", "An openai provider needs base_url, up to and including /v1.");
		}
		if (url != null && !provider.equals("extractive")) {
			java.net.URI uri;
			try {
				uri = java.net.URI.create(url).normalize();
			}
			catch (IllegalArgumentException e) {
				throw new InvalidProvider("invalid_provider", "base_url is not a URL.");
			}
			boolean allowed = settings.workspaceBaseUrls()
				.stream()
				.anyMatch(a -> uri.getScheme() != null && uri.getScheme().equals(a.getScheme())
						&& java.util.Objects.equals(uri.getAuthority(), a.getAuthority())
						&& (uri.getPath() == null ? "" : uri.getPath()).startsWith(a.getPath() == null ? "" : a.getPath()));
			if (!allowed) {
				throw new InvalidProvider("base_url_not_allowed", "This server lets workspaces use only these base URLs: "
						+ settings.workspaceBaseUrls() + " (kc.assistant.workspace-base-urls).");
			}
		}
		String key = apiKey == null ? providers.find(ws.value()).map(ProviderStore.Stored::apiKey).orElse(null)
				: apiKey.isBlank() ? null : apiKey;
		providers.save(ws.value(), provider, name.strip(), provider.equals("extractive") ? null : url, key,
				caller.userId().value());
		models.changed(ws.value());
		return provider(ws, caller);
	}

	/** Back to the server's provider; admins only. */
	public ProviderChoice resetProvider(WorkspaceId ws, CurrentUser caller) {
		access.require(ws, caller, Role.ADMIN);
		providers.delete(ws.value());
		models.changed(ws.value());
		return provider(ws, caller);
	}

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		providers.delete(event.workspaceId().value());
		templates.reset(event.workspaceId().value());
		ledger.deleteWorkspace(event.workspaceId().value());
		store.deleteWorkspace(event.workspaceId().value());
	}
}
