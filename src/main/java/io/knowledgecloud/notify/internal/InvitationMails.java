package io.knowledgecloud.notify.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.workspace.MemberInvited;

/**
 * E-mails invitations. Runs after the inviting transaction commits, from the event publication
 * registry, so a failing mail server neither blocks nor rolls back the invitation and the mail
 * is retried by the outbox resubmission.
 */
@Component
class InvitationMails {

	private final Mailer mailer;
	private final String publicUrl;

	InvitationMails(Mailer mailer, io.knowledgecloud.platform.PlatformSettings settings) {
		this.mailer = mailer;
		this.publicUrl = settings.publicUrlOrLocalhost().toString().replaceAll("/+$", "");
	}

	@ApplicationModuleListener
	void on(MemberInvited event) {
		String body = """
				%s invited you to the workspace "%s" on KnowledgeCloud as %s.

				Sign in (or sign up) with this e-mail address, then accept the invitation:

				  curl -X POST %s/api/v1/invitations/accept \\
				    -H "Authorization: Bearer <your access token>" -H "Content-Type: application/json" \\
				    -d '{"token": "%s"}'

				The invitation token is: %s
				It can be used once and expires at %s.
				""".formatted(event.invitedBy(), event.workspaceName(), event.role().json(), publicUrl, event.token(),
				event.token(), event.expiresAt());
		mailer.send(new Mail(event.email(), "You are invited to " + event.workspaceName() + " on KnowledgeCloud", body));
	}
}
