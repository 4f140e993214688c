package io.knowledgecloud.notify.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.notify.internal.DevMailbox;
import io.knowledgecloud.notify.internal.DevMailbox.CapturedMail;
import io.knowledgecloud.notify.internal.NotifySettings;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The dev mailbox (embedded mode only): a user reads the mail addressed to them; accounts listed
 * in {@code kc.identity.admin-emails} read all of it.
 */
@RestController
@Tag(name = "Dev mailbox")
class DevMailboxController {

	private final DevMailbox mailbox;
	private final NotifySettings settings;
	private final Cursors cursors;
	private final UserDirectory users;

	DevMailboxController(DevMailbox mailbox, NotifySettings settings, Cursors cursors, UserDirectory users) {
		this.mailbox = mailbox;
		this.settings = settings;
		this.cursors = cursors;
		this.users = users;
	}

	@GetMapping("/api/v1/admin/dev-mailbox")
	@Operation(summary = "Captured e-mails (only when kc.mail.mode=capture)",
			description = "Your own mail; system admins (kc.identity.admin-emails) see every message.")
	CursorPage<CapturedMail> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		if (settings.mode() != NotifySettings.Mode.CAPTURE) {
			throw new MailboxDisabled();
		}
		CurrentUser person = user.requirePerson();
		String recipient = users.isSystemAdmin(person) ? null : person.email();
		String scope = "mailbox:" + (recipient == null ? "*" : recipient);
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, mailbox.page(recipient, page), page,
				m -> List.of(m.createdAt().toString(), m.id().toString()));
	}

	/** Mail is really sent; there is nothing captured to read. */
	static final class MailboxDisabled extends KnowledgeCloudException {

		MailboxDisabled() {
			super(HttpStatus.NOT_FOUND, "dev_mailbox_disabled",
					"The dev mailbox exists only when kc.mail.mode=capture.");
		}
	}
}
