package io.knowledgecloud.notify.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.assistant.AskedQuestion;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.document.RecentDocument;
import io.knowledgecloud.platform.PdfReports;

class DigestMarkdownTest {

	@Test
	void titlesAndQuestionsStayPlainTextInTheRenderedReport() {
		var doc = new RecentDocument(new DocumentId(UUID.randomUUID()), "[click](http://evil.test) *bold* <b>x</b>",
				"text/plain", Instant.parse("2026-11-20T10:00:00Z"));
		var question = new AskedQuestion("What | breaks | tables?", 3, 2);
		String markdown = DigestMarkdown.render(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 22), List.of(doc),
				List.of(question));

		String html = new PdfReports().html(markdown);
		assertThat(html).doesNotContain("<a ", "<em>", "<b>")
			.contains("[click](http://evil.test) *bold* &lt;b&gt;x&lt;/b&gt;")
			.contains("<td>What | breaks | tables?</td>");
	}
}
