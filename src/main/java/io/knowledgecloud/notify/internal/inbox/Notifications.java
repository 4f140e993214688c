package io.knowledgecloud.notify.internal.inbox;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.PageRequest;

/** A user's inbox: list, mark read, stream. Every call is scoped to the user, so others' ids are not found. */
@Service
public class Notifications {

	private final Inbox inbox;
	private final NotificationStream stream;
	private final Cursors cursors;
	private final Clock clock;

	Notifications(Inbox inbox, NotificationStream stream, Cursors cursors, Clock clock) {
		this.inbox = inbox;
		this.stream = stream;
		this.cursors = cursors;
		this.clock = clock;
	}

	public CursorPage<Notification> list(UserId user, boolean unreadOnly, @Nullable String cursor,
			@Nullable Integer limit) {
		String scope = "notifications:" + user + ":" + unreadOnly;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, inbox.page(user.value(), unreadOnly, page), page,
				e -> List.of(Long.toString(e.seq())))
			.map(Inbox.Entry::notification);
	}

	public void markRead(UserId user, UUID id) {
		if (!inbox.markRead(user.value(), id, clock.instant())) {
			throw new NotificationNotFound();
		}
	}

	/** Marks every unread notification read; returns how many were. */
	public int markAllRead(UserId user) {
		return inbox.markAllRead(user.value(), clock.instant());
	}

	public SseEmitter stream(UserId user, @Nullable Long lastEventId) {
		return stream.open(user.value(), lastEventId);
	}

	/** No such notification of this user. */
	public static final class NotificationNotFound extends KnowledgeCloudException {
		NotificationNotFound() {
			super(HttpStatus.NOT_FOUND, "notification_not_found", "You have no such notification.");
		}
	}
}
