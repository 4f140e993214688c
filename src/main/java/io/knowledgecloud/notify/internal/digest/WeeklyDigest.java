package io.knowledgecloud.notify.internal.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.knowledgecloud.assistant.AskedQuestion;
import io.knowledgecloud.assistant.Conversations;
import io.knowledgecloud.document.DocumentCatalog;
import io.knowledgecloud.document.RecentDocument;
import io.knowledgecloud.identity.UserDirectory;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.identity.UserSummary;
import io.knowledgecloud.jobs.JobContext;
import io.knowledgecloud.jobs.JobHandler;
import io.knowledgecloud.notify.internal.Mail;
import io.knowledgecloud.notify.internal.MailTemplates;
import io.knowledgecloud.notify.internal.Mailer;
import io.knowledgecloud.notify.internal.NotificationPreferences;
import io.knowledgecloud.platform.PdfReports;
import io.knowledgecloud.workspace.WorkspaceId;
import io.knowledgecloud.workspace.WorkspaceMembers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job {@code weekly_digest} (schedulable): documents added to the workspace and its most asked
 * questions over the last {@code days} (parameter, default 7), rendered as Markdown to HTML and
 * PDF and mailed, PDF attached, to the members who opted in. Parameters: {@code days} (1-31),
 * {@code questions} (how many, default 10), {@code min_askers} (a question is listed only when
 * this many members asked it, default 2: conversations are private). A rerun of the same job skips
 * the members already mailed.
 */
@Component
class WeeklyDigest implements JobHandler {

	private static final Logger log = LoggerFactory.getLogger(WeeklyDigest.class);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int MAX_DOCUMENTS = 100;

	private final WorkspaceMembers members;
	private final NotificationPreferences preferences;
	private final UserDirectory users;
	private final DocumentCatalog documents;
	private final Conversations conversations;
	private final PdfReports reports;
	private final MailTemplates templates;
	private final Mailer mailer;
	private final DigestDeliveries deliveries;
	private final Clock clock;

	WeeklyDigest(WorkspaceMembers members, NotificationPreferences preferences, UserDirectory users,
			DocumentCatalog documents, Conversations conversations, PdfReports reports, MailTemplates templates,
			Mailer mailer, DigestDeliveries deliveries, Clock clock) {
		this.members = members;
		this.preferences = preferences;
		this.users = users;
		this.documents = documents;
		this.conversations = conversations;
		this.reports = reports;
		this.templates = templates;
		this.mailer = mailer;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@Override
	public String type() {
		return "weekly_digest";
	}

	@Override
	public boolean schedulable() {
		return true;
	}

	@Override
	public int maxAttempts() {
		return 3;
	}

	@Override
	public Duration firstRetryDelay() {
		return Duration.ofMinutes(1);
	}

	@Override
	public void run(JobContext job) {
		if (job.workspaceId() == null) {
			throw new IllegalArgumentException("weekly_digest needs a workspace");
		}
		WorkspaceId ws = new WorkspaceId(job.workspaceId());
		JsonNode params = job.payload().isBlank() ? JSON.createObjectNode() : JSON.readTree(job.payload());
		int days = Math.clamp(params.path("days").asInt(7), 1, 31);
		Instant now = clock.instant();
		Instant since = now.minus(Duration.ofDays(days));
		Set<UserId> subscribers = preferences.weeklyDigestSubscribers(members.of(ws));
		List<UserSummary> recipients = users.findAll(subscribers).values().stream()
			.filter(u -> !deliveries.sent(job.id(), u.id()))
			.toList();
		if (recipients.isEmpty()) {
			log.info("Weekly digest of {}: nobody (left) to mail", ws);
			return;
		}
		List<RecentDocument> added = documents.addedSince(ws, since, MAX_DOCUMENTS);
		List<AskedQuestion> asked = conversations.mostAsked(ws, since,
				Math.max(1, params.path("min_askers").asInt(2)), Math.clamp(params.path("questions").asInt(10), 1, 50));
		LocalDate to = now.atZone(ZoneOffset.UTC).toLocalDate();
		LocalDate from = since.atZone(ZoneOffset.UTC).toLocalDate();
		String markdown = DigestMarkdown.render(from, to, added, asked);
		String title = "KnowledgeCloud weekly digest " + to;
		var pdf = new Mail.Attachment("weekly-digest-" + to + ".pdf", "application/pdf", reports.pdf(title, markdown));
		Map<String, Object> model = Map.of("title", title, "from", from, "to", to, "html", reports.html(markdown),
				"documents", added.stream().map(d -> Map.of("title", d.title(), "added", d.createdAt())).toList(),
				"questions", asked, "noDocuments", added.isEmpty(), "noQuestions", asked.isEmpty());
		for (UserSummary user : recipients) {
			mailer.send(templates.render("digest", user.email(), model, List.of(pdf)));
			deliveries.record(job.id(), user.id(), now);
		}
		log.info("Weekly digest of {} mailed to {} members ({} documents, {} questions)", ws, recipients.size(),
				added.size(), asked.size());
	}
}
