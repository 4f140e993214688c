package io.knowledgecloud.notify;

import static io.knowledgecloud.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Real SMTP (GreenMail on a random port): the invitation mail from its template, as text and HTML,
 * and the weekly digest with its PDF attachment, whose text PDFBox reads back; notification
 * preferences decide who gets the digest.
 */
@IntegrationTest
class MailDeliveryIT {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("kc.mail.mode", () -> "smtp");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	private final Api api;

	@Autowired
	JdbcClient jdbc;

	MailDeliveryIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void theInvitationArrivesAsTextAndHtmlFromItsTemplate() throws Exception {
		Api.User owner = api.signUp("mail-inviter");
		String ws = api.createWorkspace(owner, "Mail & Co");
		String invitee = Api.uniqueEmail("mail-invitee");
		assertThat(api.post("/api/v1/workspaces/" + ws + "/invitations").token(owner.accessToken())
			.json(Map.of("email", invitee, "role", "editor")).send().status()).isEqualTo(201);

		MimeMessage mail = eventually(() -> to(invitee).stream().findFirst().orElse(null));
		assertThat(mail.getSubject()).isEqualTo("You are invited to Mail & Co on KnowledgeCloud");
		List<Part> parts = leaves(mail);
		String text = body(parts, "text/plain");
		assertThat(text).contains("invited you to the workspace \"Mail & Co\"", "as editor").containsPattern("token is: kci_");
		assertThat(body(parts, "text/html")).contains("<strong>Mail &amp; Co</strong>");
	}

	@Test
	void theWeeklyDigestGoesWithItsPdfToMembersWhoOptedIn() throws Exception {
		Api.User owner = api.signUp("digest-owner");
		String ws = api.createWorkspace(owner, "Digest");
		Response prefs = api.get("/api/v1/me/notification-preferences").token(owner.accessToken()).send();
		assertThat(prefs.json().path("weekly_digest").asBoolean()).isFalse();
		Response optIn = api.put("/api/v1/me/notification-preferences").token(owner.accessToken())
			.json(Map.of("weekly_digest", true)).send();
		assertThat(optIn.status()).isEqualTo(200);
		assertThat(optIn.json().path("weekly_digest").asBoolean()).isTrue();
		assertThat(api.put("/api/v1/me/notification-preferences").token(owner.accessToken())
			.json(Map.of("weekly_digest", true, "daily_spam", true)).send().status()).isEqualTo(400);

		Response upload = api.post("/api/v1/workspaces/" + ws + "/documents").token(owner.accessToken())
			.multipart("refund-policy.txt", "Refunds are paid within 14 days.".getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(upload.status()).isEqualTo(202);
		String title = upload.get("title");
		askedByTwoMembers(ws, "How do refunds work?");

		String schedule = api.post("/api/v1/workspaces/" + ws + "/schedules").token(owner.accessToken())
			.json(Map.of("kind", "weekly_digest", "cron", "0 8 * * MON")).send().get("id");
		assertThat(api.post("/api/v1/workspaces/" + ws + "/schedules/" + schedule + "/run").token(owner.accessToken())
			.send().status()).isEqualTo(202);

		MimeMessage mail = eventually(java.time.Duration.ofSeconds(30),
				() -> to(owner.email()).stream().filter(m -> subject(m).contains("weekly digest")).findFirst().orElse(null));
		List<Part> parts = leaves(mail);
		assertThat(body(parts, "text/plain")).contains(title);
		assertThat(body(parts, "text/html")).contains("<h2>Documents added (1)</h2>");
		Part pdf = parts.stream().filter(p -> fileName(p).endsWith(".pdf")).findFirst().orElseThrow();
		assertThat(pdf.getContentType()).startsWith("application/pdf");
		try (var doc = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("KnowledgeCloud weekly digest", "Documents added (1)", title,
					"How do refunds work?");
		}
	}

	/** Two members' private conversations asked the same question (rows as the assistant stores them). */
	private void askedByTwoMembers(String ws, String question) {
		for (int i = 0; i < 2; i++) {
			UUID conversation = UUID.randomUUID();
			Timestamp now = Timestamp.from(Instant.now());
			jdbc.sql("INSERT INTO assistant_conversations (id, workspace_id, user_id, title, created_at, updated_at) "
					+ "VALUES (?, ?, ?, 'q', ?, ?)")
				.params(conversation, UUID.fromString(ws), UUID.randomUUID(), now, now).update();
			jdbc.sql("INSERT INTO assistant_messages (id, conversation_id, seq, role, content, created_at) "
					+ "VALUES (?, ?, 0, 'user', ?, ?)")
				.params(UUID.randomUUID(), conversation, i == 0 ? question : question.toLowerCase(), now).update();
		}
	}

	private static List<MimeMessage> to(String recipient) {
		return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(recipient);
			}
			catch (Exception e) {
				return false;
			}
		}).toList();
	}

	private static String subject(MimeMessage m) {
		try {
			return m.getSubject();
		}
		catch (Exception e) {
			return "";
		}
	}

	private static String fileName(Part p) {
		try {
			return p.getFileName() == null ? "" : p.getFileName();
		}
		catch (Exception e) {
			return "";
		}
	}

	private static List<Part> leaves(Part part) throws Exception {
		List<Part> out = new ArrayList<>();
		if (part.getContent() instanceof Multipart multi) {
			for (int i = 0; i < multi.getCount(); i++) {
				BodyPart child = multi.getBodyPart(i);
				out.addAll(leaves(child));
			}
		}
		else {
			out.add(part);
		}
		return out;
	}

	private static String body(List<Part> parts, String type) throws Exception {
		for (Part p : parts) {
			if (p.isMimeType(type) && p.getFileName() == null) {
				return p.getContent().toString();
			}
		}
		throw new AssertionError("no " + type + " part");
	}
}
