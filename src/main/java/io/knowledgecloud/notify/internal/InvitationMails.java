package io.knowledgecloud.notify.internal;

import java.util.List;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.workspace.MemberInvited;

/**
 * E-mails invitations (template {@code templates/mail/invitation.*}). Runs after the inviting
 * transaction commits, from the event publication registry, so a failing mail server neither
 * blocks nor rolls back the invitation and the mail is retried by the outbox resubmission.
 */
@Component
class InvitationMails {

	private final Mailer mailer;
	private final MailTemplates templates;
	private final String publicUrl;

	InvitationMails(Mailer mailer, MailTemplates templates, PlatformSettings settings) {
		this.mailer = mailer;
		this.templates = templates;
		this.publicUrl = settings.publicUrlOrLocalhost().toString().replaceAll("/+$", "");
	}

	@ApplicationModuleListener
	void on(MemberInvited event) {
		Map<String, Object> model = Map.of("invitedBy", event.invitedBy(), "workspaceName", event.workspaceName(),
				"role", event.role().json(), "publicUrl", publicUrl, "token", event.token(), "expiresAt",
				event.expiresAt().toString());
		mailer.send(templates.render("invitation", event.email(), model, List.of()));
	}
}
