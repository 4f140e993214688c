package io.knowledgecloud.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.jobs.DeadLetter;
import io.knowledgecloud.jobs.Jobs;
import io.knowledgecloud.jobs.internal.JobsProblems.DeadLetterNotFound;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceDeleted;
import io.knowledgecloud.workspace.WorkspaceId;

/** A workspace's dead letters, for its admins; and the workspace's jobs data when it is deleted. */
@Service
public class DeadLetterManagement {

	private final DeadLetters deadLetters;
	private final ScheduleStore schedules;
	private final Jobs jobs;
	private final WorkspaceAccess access;
	private final Cursors cursors;

	DeadLetterManagement(DeadLetters deadLetters, ScheduleStore schedules, Jobs jobs, WorkspaceAccess access,
			Cursors cursors) {
		this.deadLetters = deadLetters;
		this.schedules = schedules;
		this.jobs = jobs;
		this.access = access;
		this.cursors = cursors;
	}

	public CursorPage<DeadLetter> list(WorkspaceId ws, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(ws, caller, Role.ADMIN);
		String scope = "dead-letters:" + ws;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, deadLetters.page(ws.value(), page), page,
				d -> List.of(d.failedAt().toString(), d.id().toString()));
	}

	/** Submits the job again under its id, with a fresh count of attempts, and drops the dead letter. */
	@Transactional
	public UUID retry(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.ADMIN);
		DeadLetter letter = deadLetters.find(ws.value(), id).orElseThrow(DeadLetterNotFound::new);
		deadLetters.delete(ws.value(), id);
		jobs.submit(letter.id(), letter.type(), letter.workspaceId(), letter.payload(), Instant.EPOCH);
		return letter.id();
	}

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		deadLetters.deleteWorkspace(event.workspaceId().value());
		schedules.deleteWorkspace(event.workspaceId().value());
	}
}
