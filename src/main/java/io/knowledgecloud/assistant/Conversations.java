package io.knowledgecloud.assistant;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.AssistantProblems.ConversationNotFound;
import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;
import io.knowledgecloud.assistant.internal.ConversationStore;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceDeleted;
import io.knowledgecloud.workspace.WorkspaceId;

/** A user's conversations with the assistant in a workspace: private to that user. */
@Service
public class Conversations {

	private final ConversationStore store;
	private final WorkspaceAccess access;
	private final Cursors cursors;

	Conversations(ConversationStore store, WorkspaceAccess access, Cursors cursors) {
		this.store = store;
		this.access = access;
		this.cursors = cursors;
	}

	public Conversation start(WorkspaceId ws, CurrentUser caller, @Nullable String title) {
		access.require(ws, caller, Role.VIEWER);
		String t = title == null || title.isBlank() ? "New conversation" : title.strip();
		if (t.length() > 200) {
			throw new InvalidQuestion("invalid_title", "The title has more than 200 characters.");
		}
		return store.create(ws.value(), caller.userId().value(), t);
	}

	public Conversation get(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.VIEWER);
		return store.find(ws.value(), caller.userId().value(), id).orElseThrow(ConversationNotFound::new);
	}

	public CursorPage<Conversation> list(WorkspaceId ws, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(ws, caller, Role.VIEWER);
		String scope = "conversations:" + ws + ":" + caller.userId();
		PageRequest page = cursors.request(scope, cursor, limit);
		List<Conversation> rows = store.page(ws.value(), caller.userId().value(), page);
		return cursors.page(scope, rows, page, c -> List.of(c.updatedAt().toString(), c.id().toString()));
	}

	public CursorPage<ConversationMessage> messages(WorkspaceId ws, CurrentUser caller, UUID id,
			@Nullable String cursor, @Nullable Integer limit) {
		get(ws, caller, id);
		String scope = "conversation-messages:" + id;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, store.messages(id, page), page, m -> List.of(String.valueOf(m.seq())));
	}

	public void delete(WorkspaceId ws, CurrentUser caller, UUID id) {
		access.require(ws, caller, Role.VIEWER);
		if (!store.delete(ws.value(), caller.userId().value(), id)) {
			throw new ConversationNotFound();
		}
	}

	/**
	 * The workspace's most asked questions since {@code since} (no access check: for workspace-wide
	 * reports). Conversations are private, so only questions that at least {@code minAskers}
	 * different members asked are included, and never who asked them.
	 */
	public List<AskedQuestion> mostAsked(WorkspaceId ws, java.time.Instant since, int minAskers, int limit) {
		return store.mostAsked(ws.value(), since, Math.max(1, minAskers), limit);
	}

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		store.deleteWorkspace(event.workspaceId().value());
	}
}
