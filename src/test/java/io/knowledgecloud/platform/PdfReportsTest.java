package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportsTest {

	private final PdfReports reports = new PdfReports();

	@Test
	void markdownBecomesHtmlWithRawHtmlEscaped() {
		String html = reports.html("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>");
		assertThat(html).contains("<h1>Title</h1>").contains("<td>1</td>").doesNotContain("<script>");
		assertThat(html).contains("&lt;script&gt;");
	}

	@Test
	void markdownBecomesAPdfWhoseTextPdfBoxReads() throws IOException {
		byte[] pdf = reports.pdf("Weekly <digest>", """
				## Documents added

				- **Quarterly report** & notes
				- Roadmap

				| Question | Asked |
				|---|---|
				| How do refunds work? | 3 |

				![tracker](http://127.0.0.1:9/pixel.png)
				""");
		assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
		try (var doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("Weekly <digest>", "Documents added", "Quarterly report & notes", "Roadmap",
					"How do refunds work?");
		}
	}
}
