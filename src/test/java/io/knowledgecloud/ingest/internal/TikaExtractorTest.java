package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;
import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;

/** One test per supported file type: text, title, pages and headings, after normalisation. */
class TikaExtractorTest {

	private static final TikaExtractor extractor = new TikaExtractor();

	private final TextNormalizer normalizer = new TextNormalizer();

	private ExtractedDocument extract(byte[] bytes, String declaredType) {
		ExtractedDocument document = normalizer
			.normalize(extractor.extract(new ByteArrayInputStream(bytes), declaredType, ExtractionLimits.DEFAULTS));
		for (Heading heading : document.headings()) {
			assertThat(document.text().substring(heading.offset()))
				.as("heading %s starts at its offset", heading.text())
				.startsWith(heading.text());
		}
		return document;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> headingTexts(ExtractedDocument document) {
		return document.headings().stream().map(h -> h.level() + " " + h.text()).toList();
	}

	@Test
	void pdfHasOnePagePerPageWithItsTextInItsRange() {
		byte[] pdf = SampleDocuments.pdf("Annual Report", List.of(
				List.of("First page opens the inter-", "national report."),
				List.of("Second page holds the figures."),
				List.of("Third page closes it.")));

		ExtractedDocument document = extract(pdf, "application/pdf");

		assertThat(document.mediaType()).isEqualTo("application/pdf");
		assertThat(document.title()).isEqualTo("Annual Report");
		assertThat(document.pages()).extracting(Page::number).containsExactly(1, 2, 3);
		String text = document.text();
		assertThat(pageText(document, 0)).isEqualTo("First page opens the international report.");
		assertThat(pageText(document, 1)).isEqualTo("Second page holds the figures.");
		assertThat(pageText(document, 2)).isEqualTo("Third page closes it.");
		assertThat(document.pages().getFirst().start()).isZero();
		assertThat(document.pages().getLast().end()).isEqualTo(text.length());
		assertThat(document.pages().get(0).end()).isEqualTo(document.pages().get(1).start());
		assertThat(document.pageAt(text.indexOf("figures"))).isEqualTo(2);
	}

	private static String pageText(ExtractedDocument document, int index) {
		Page page = document.pages().get(index);
		return document.text().substring(page.start(), page.end()).strip();
	}

	@Test
	void docxHeadingsKeepTheirLevels() {
		ExtractedDocument document = extract(SampleDocuments.docx("Design Notes"), "application/octet-stream");

		assertThat(document.mediaType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(document.title()).isEqualTo("Design Notes");
		assertThat(headingTexts(document)).containsExactly("1 Introduction", "2 Background", "1 Method");
		assertThat(document.text()).contains("Knowledge clouds store documents.\n\nBackground");
		assertThat(document.pages()).isEmpty();
	}

	@Test
	void pptxSlidesAreParagraphs() {
		ExtractedDocument document = extract(SampleDocuments.pptx(), "application/octet-stream");

		assertThat(document.mediaType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
		assertThat(document.title()).isEqualTo("Quarterly review");
		assertThat(document.text()).isEqualTo("Revenue grew in the north.\n\nCosts fell in the south.");
	}

	@Test
	void xlsxSheetNameIsAHeadingAndRowsAreLines() {
		ExtractedDocument document = extract(SampleDocuments.xlsx(), "application/octet-stream");

		assertThat(document.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(headingTexts(document)).containsExactly("1 Inventory");
		assertThat(document.text()).isEqualTo("Inventory\n\nitem count\napples 12\npears 7");
	}

	@Test
	void odtHeadingsAndTitle() {
		ExtractedDocument document = extract(SampleArchives.odt(), "application/octet-stream");

		assertThat(document.mediaType()).isEqualTo("application/vnd.oasis.opendocument.text");
		assertThat(document.title()).isEqualTo("Open Document Sample");
		assertThat(headingTexts(document)).containsExactly("1 Overview", "2 Details");
		assertThat(document.text()).contains("Open documents are zip files.", "The text lives in content.xml.");
	}

	@Test
	void rtfParagraphs() {
		ExtractedDocument document = extract(utf8(SampleDocuments.RTF), "application/octet-stream");

		assertThat(document.mediaType()).isEqualTo("application/rtf");
		assertThat(document.title()).isEqualTo("Rich Text Sample");
		assertThat(document.text()).isEqualTo("Rich text keeps formatting.\n\nA second paragraph follows.");
	}

	@Test
	void htmlHeadingsAndTitle() {
		ExtractedDocument document = extract(utf8(SampleDocuments.HTML), "text/html");

		assertThat(document.mediaType()).isEqualTo("text/html");
		assertThat(document.title()).isEqualTo("Web Page Sample");
		assertThat(headingTexts(document)).containsExactly("1 Guide", "2 Install", "3 Linux", "2 Use");
		assertThat(document.text()).doesNotContain("Web Page Sample").startsWith("Guide\n\nStart here.");
	}

	@Test
	void markdownHashHeadingsAreHeadingsOutsideCodeBlocks() {
		ExtractedDocument document = extract(utf8(SampleDocuments.MARKDOWN), "text/markdown");

		assertThat(document.mediaType()).isEqualTo("text/markdown");
		assertThat(headingTexts(document)).containsExactly("1 Handbook", "2 Setup", "2 Usage");
		assertThat(document.text()).startsWith("Handbook\n\nWelcome to the handbook.\n\nSetup")
			.contains("# not a heading, a shell comment");
	}

	@Test
	void csvRowsAreLines() {
		ExtractedDocument document = extract(utf8(SampleDocuments.CSV), "text/csv");

		assertThat(document.text())
			.isEqualTo("city,country,population\nLisbon,Portugal,545000\nPorto,Portugal,232000");
		assertThat(document.headings()).isEmpty();
	}

	@Test
	void plainTextInUtf8() {
		String text = "Caf\u00e9 na\u00efve \u00fcber \u2014 plain text.\n\n\nSecond   paragraph.\n";

		ExtractedDocument document = extract(utf8(text), "text/plain");

		assertThat(document.mediaType()).isEqualTo("text/plain");
		assertThat(document.text()).isEqualTo("Caf\u00e9 na\u00efve \u00fcber \u2014 plain text.\n\nSecond paragraph.");
		assertThat(document.title()).isNull();
	}

	@Test
	void emlSubjectIsTheTitleAndTheBodyTheText() {
		ExtractedDocument document = extract(utf8(SampleDocuments.EML), "message/rfc822");

		assertThat(document.mediaType()).isEqualTo("message/rfc822");
		assertThat(document.title()).isEqualTo("Meeting notes");
		assertThat(document.text()).isEqualTo("The meeting moved to Thursday.\nBring the quarterly figures.");
	}

	@Test
	void epubChaptersInSpineOrderWithHeadings() {
		ExtractedDocument document = extract(SampleArchives.epub(), "application/octet-stream");

		assertThat(document.mediaType()).isEqualTo("application/epub+zip");
		assertThat(document.title()).isEqualTo("A Tiny Book");
		assertThat(headingTexts(document)).containsExactly("1 Chapter One", "1 Chapter Two");
		assertThat(document.text()).isEqualTo(
				"Chapter One\n\nThe voyage began at dawn.\n\nChapter Two\n\nThe ship reached the island.");
	}
}
