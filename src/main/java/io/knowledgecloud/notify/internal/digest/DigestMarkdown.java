package io.knowledgecloud.notify.internal.digest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import io.knowledgecloud.assistant.AskedQuestion;
import io.knowledgecloud.document.RecentDocument;

/** The digest's content as Markdown; titles and questions are escaped so they stay plain text. */
final class DigestMarkdown {

	private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_{}\\[\\]()#+\\-.!|<>~&])");

	private DigestMarkdown() {
	}

	static String render(LocalDate from, LocalDate to, List<RecentDocument> documents, List<AskedQuestion> questions) {
		var md = new StringBuilder();
		md.append("Activity from ").append(from).append(" to ").append(to).append(".\n\n");
		md.append("## Documents added (").append(documents.size()).append(")\n\n");
		if (documents.isEmpty()) {
			md.append("No new documents.\n\n");
		}
		for (RecentDocument d : documents) {
			md.append("- ").append(escape(d.title())).append(" (")
				.append(d.createdAt().atZone(ZoneOffset.UTC).toLocalDate()).append(")\n");
		}
		md.append("\n## Most asked questions\n\n");
		if (questions.isEmpty()) {
			md.append("No question was asked by several members.\n");
		}
		else {
			md.append("| Question | Times asked | Members |\n|---|---|---|\n");
			for (AskedQuestion q : questions) {
				md.append("| ").append(escape(q.question()).replace("\n", " ")).append(" | ").append(q.times())
					.append(" | ").append(q.askers()).append(" |\n");
			}
		}
		return md.toString();
	}

	static String escape(String text) {
		return SPECIAL.matcher(text).replaceAll("\\\\$1");
	}
}
