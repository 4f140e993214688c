package io.knowledgecloud.assistant.web;

import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.assistant.Conversation;
import io.knowledgecloud.assistant.ConversationMessage;
import io.knowledgecloud.assistant.Conversations;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Conversations with the assistant; each is private to the user who started it. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/conversations")
@Tag(name = "Answers")
class ConversationController {

	record NewConversation(@Nullable @Size(max = 200) String title) {
	}

	private final Conversations conversations;

	ConversationController(Conversations conversations) {
		this.conversations = conversations;
	}

	@PostMapping
	@Operation(summary = "Start a conversation", description = "Pass its id as `conversation_id` to "
			+ "`POST …/answers`: earlier messages are folded into follow-up questions and every exchange is stored.")
	ResponseEntity<Conversation> start(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestBody(required = false) @Nullable NewConversation body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(conversations.start(new WorkspaceId(ws), user, body == null ? null : body.title()));
	}

	@GetMapping
	@Operation(summary = "List my conversations", description = "Most recently active first.")
	CursorPage<Conversation> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return conversations.list(new WorkspaceId(ws), user, cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a conversation")
	Conversation get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		return conversations.get(new WorkspaceId(ws), user, id);
	}

	@GetMapping("/{id}/messages")
	@Operation(summary = "A conversation's messages", description = "Oldest first, with the checked citations of "
			+ "each answer.")
	CursorPage<ConversationMessage> messages(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return conversations.messages(new WorkspaceId(ws), user, id, cursor, limit);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a conversation and its messages")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id) {
		conversations.delete(new WorkspaceId(ws), user, id);
		return ResponseEntity.noContent().build();
	}
}
