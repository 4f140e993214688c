package io.knowledgecloud.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.jobs.Jobs;
import io.knowledgecloud.jobs.internal.JobsProblems.InvalidSchedule;
import io.knowledgecloud.jobs.internal.JobsProblems.ScheduleNotFound;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A workspace's schedules, for its admins: validated CRUD and "run now". */
@Service
public class ScheduleManagement {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The writable fields; {@code parameters} defaults to {@code {}}, {@code timeZone} to UTC. */
	public record Fields(String kind, String cron, @Nullable String timeZone, @Nullable ObjectNode parameters,
			@Nullable Boolean enabled) {
	}

	private final ScheduleStore store;
	private final JobHandlers handlers;
	private final Jobs jobs;
	private final WorkspaceAccess access;
	private final Cursors cursors;
	private final JobsSettings settings;
	private final Clock clock;

	ScheduleManagement(ScheduleStore store, JobHandlers handlers, Jobs jobs, WorkspaceAccess access, Cursors cursors,
			JobsSettings settings, Clock clock) {
		this.store = store;
		this.handlers = handlers;
		this.jobs = jobs;
		this.access = access;
		this.cursors = cursors;
		this.settings = settings;
		this.clock = clock;
	}

	public CursorPage<Schedule> list(WorkspaceId ws, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(ws, caller, Role.ADMIN);
		String scope = "schedules:" + ws;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, store.page(ws.value(), page), page,
				s -> List.of(s.createdAt().toString(), s.id().toString()));
	}

	public Schedule get(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.ADMIN);
		return store.find(ws.value(), id).orElseThrow(ScheduleNotFound::new);
	}

	@Transactional
	public Schedule create(WorkspaceId ws, CurrentUser caller, Fields fields) {
		access.require(ws, caller, Role.ADMIN);
		Instant now = clock.instant();
		Schedule s = validated(new Schedule(UUID.randomUUID(), ws.value(), "", "", "", JSON.createObjectNode(), true,
				null, null, caller.userId().value(), now, now), fields, now);
		store.insert(s);
		return s;
	}

	@Transactional
	public Schedule update(WorkspaceId ws, CurrentUser caller, UUID id, Fields fields) {
		Schedule old = get(ws, caller, id);
		Schedule s = validated(old, fields, clock.instant());
		store.update(s);
		return s;
	}

	@Transactional
	public void delete(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.ADMIN);
		if (!store.delete(ws.value(), id)) {
			throw new ScheduleNotFound();
		}
	}

	/** Submits a job of the schedule's kind now, outside its cron; returns the job's id. */
	@Transactional
	public UUID runNow(WorkspaceId ws, CurrentUser caller, UUID id) {
		Schedule s = get(ws, caller, id);
		return jobs.submit(s.kind(), ws.value(), JSON.writeValueAsString(s.parameters()));
	}

	private Schedule validated(Schedule base, Fields f, Instant now) {
		if (f.kind() == null || !handlers.schedulableTypes().contains(f.kind())) {
			throw new InvalidSchedule("unknown_kind", "kind must be one of " + handlers.schedulableTypes() + ".");
		}
		if (f.cron() == null || f.cron().isBlank() || f.cron().length() > 200) {
			throw new InvalidSchedule("invalid_cron", "cron is required (at most 200 characters).");
		}
		String zone = f.timeZone() == null || f.timeZone().isBlank() ? "UTC" : f.timeZone().strip();
		ScheduleCron cron = ScheduleCron.parse(f.cron(), zone);
		cron.requireInterval(now, settings.minScheduleInterval());
		ObjectNode parameters = f.parameters() == null ? JSON.createObjectNode() : f.parameters();
		if (JSON.writeValueAsString(parameters).length() > 10_000) {
			throw new InvalidSchedule("invalid_parameters", "parameters must be a JSON object of at most 10,000 characters.");
		}
		boolean enabled = f.enabled() == null || f.enabled();
		return new Schedule(base.id(), base.workspaceId(), f.kind(), f.cron().strip(), zone, parameters, enabled,
				enabled ? cron.next(now) : null, base.lastRunAt(), base.createdBy(), base.createdAt(), now);
	}
}
