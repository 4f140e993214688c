package io.knowledgecloud.notify.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.notify.internal.inbox.Notification;
import io.knowledgecloud.notify.internal.inbox.Notifications;
import io.knowledgecloud.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's in-app notifications. Personal: API keys get 403 api_key_not_allowed. */
@RestController
@RequestMapping("/api/v1/me/notifications")
@Tag(name = "Notifications")
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	record MarkedRead(int marked) {
	}

	@GetMapping
	@Operation(summary = "Your notifications, newest first", description = "`unread=true` lists only unread ones.")
	CursorPage<Notification> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		return notifications.list(user.requirePerson().userId(), unread, cursor, limit);
	}

	@PostMapping("/{id}/read")
	@Operation(summary = "Mark a notification read")
	@ApiResponse(responseCode = "204", description = "Read (also when it already was)")
	@ApiResponse(responseCode = "404", description = "Not yours or does not exist (code notification_not_found)")
	ResponseEntity<Void> read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		notifications.markRead(user.requirePerson().userId(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/read-all")
	@Operation(summary = "Mark all your notifications read", description = "Returns how many were unread.")
	MarkedRead readAll(@AuthenticationPrincipal CurrentUser user) {
		return new MarkedRead(notifications.markAllRead(user.requirePerson().userId()));
	}

	@GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Stream new notifications (SSE)", description = "Each new notification is an event named "
			+ "`notification` whose id is its sequence number; reconnect with `Last-Event-ID` to receive what was "
			+ "missed. A comment is sent every 15 s; streams end after 30 minutes.")
	SseEmitter stream(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		Long after = null;
		if (lastEventId != null && lastEventId.strip().matches("\\d{1,18}")) {
			after = Long.parseLong(lastEventId.strip());
		}
		return notifications.stream(user.requirePerson().userId(), after);
	}
}
