package io.knowledgecloud.ingest.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Builds small sample documents in memory, so no binary fixtures are needed; the zip-based ones
 * are in {@link SampleArchives}.
 */
public final class SampleDocuments {

	private SampleDocuments() {
	}

	/** One PDF page per entry; each entry's lines are drawn top to bottom. */
	static byte[] pdf(String title, List<List<String>> pages) {
		try (PDDocument doc = new PDDocument()) {
			writePages(doc, title, pages);
			return save(doc);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A PDF that needs a user password to open. */
	public static byte[] encryptedPdf() {
		try (PDDocument doc = new PDDocument()) {
			writePages(doc, "Secret", List.of(List.of("Top secret text.")));
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			doc.protect(policy);
			return save(doc);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A PDF whose pages carry no text at all (as a scanned document without OCR). */
	public static byte[] blankPdf(int pageCount) {
		try (PDDocument doc = new PDDocument()) {
			for (int i = 0; i < pageCount; i++) {
				doc.addPage(new PDPage());
			}
			return save(doc);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void writePages(PDDocument doc, String title, List<List<String>> pages) throws IOException {
		doc.getDocumentInformation().setTitle(title);
		PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		for (List<String> lines : pages) {
			PDPage page = new PDPage();
			doc.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
				content.beginText();
				content.setFont(font, 12);
				content.setLeading(16);
				content.newLineAtOffset(72, 700);
				for (String line : lines) {
					content.showText(line);
					content.newLine();
				}
				content.endText();
			}
		}
	}

	private static byte[] save(PDDocument doc) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		doc.save(out);
		return out.toByteArray();
	}

	/** A DOCX with real "heading 1" / "heading 2" styles, so Tika reports the headings. */
	public static byte[] docx(String title) {
		try (XWPFDocument doc = new XWPFDocument()) {
			doc.getProperties().getCoreProperties().setTitle(title);
			XWPFStyles styles = doc.createStyles();
			styles.addStyle(headingStyle("Heading1", "heading 1"));
			styles.addStyle(headingStyle("Heading2", "heading 2"));
			paragraph(doc, "Heading1", "Introduction");
			paragraph(doc, null, "Knowledge clouds store documents.");
			paragraph(doc, "Heading2", "Background");
			paragraph(doc, null, "Search needs text first.");
			paragraph(doc, "Heading1", "Method");
			paragraph(doc, null, "We extract with Tika.");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			doc.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static XWPFStyle headingStyle(String id, String name) {
		CTStyle style = CTStyle.Factory.newInstance();
		style.setStyleId(id);
		style.addNewName().setVal(name);
		style.setType(STStyleType.PARAGRAPH);
		return new XWPFStyle(style);
	}

	private static void paragraph(XWPFDocument doc, String style, String text) {
		var paragraph = doc.createParagraph();
		if (style != null) {
			paragraph.setStyle(style);
		}
		paragraph.createRun().setText(text);
	}

	static byte[] pptx() {
		try (XMLSlideShow show = new XMLSlideShow()) {
			show.getProperties().getCoreProperties().setTitle("Quarterly review");
			for (String text : List.of("Revenue grew in the north.", "Costs fell in the south.")) {
				XSLFSlide slide = show.createSlide();
				XSLFTextBox box = slide.createTextBox();
				box.setText(text);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			show.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] xlsx() {
		try (XSSFWorkbook book = new XSSFWorkbook()) {
			XSSFSheet sheet = book.createSheet("Inventory");
			String[][] rows = { { "item", "count" }, { "apples", "12" }, { "pears", "7" } };
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				row.createCell(0).setCellValue(rows[r][0]);
				row.createCell(1).setCellValue(rows[r][1]);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A PNG picture of a grey square: an image without any text. */
	public static byte[] png() {
		try {
			BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static final String RTF = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}"
			+ "{\\info{\\title Rich Text Sample}}\\f0\\pard Rich text keeps formatting.\\par "
			+ "A second paragraph follows.\\par}";

	static final String HTML = """
			<!DOCTYPE html>
			<html><head><title>Web Page Sample</title></head>
			<body>
			<h1>Guide</h1>
			<p>Start here.</p>
			<h2>Install</h2>
			<p>Run the installer.</p>
			<h3>Linux</h3>
			<p>Use the package manager.</p>
			<h2>Use</h2>
			<p>Open the app.</p>
			</body></html>
			""";

	static final String MARKDOWN = """
			# Handbook

			Welcome to the handbook.

			## Setup

			Install the tools.

			```
			# not a heading, a shell comment
			```

			## Usage

			Run the tools.
			""";

	static final String CSV = """
			city,country,population
			Lisbon,Portugal,545000
			Porto,Portugal,232000
			""";

	static final String TEXT = "Plain text has no structure.\n\nIt has two paragraphs.\n";

	static final String EML = """
			From: Alice <alice@example.org>
			To: Bob <bob@example.org>
			Subject: Meeting notes
			Date: Mon, 2 Mar 2026 10:00:00 +0000
			Message-ID: <notes-1@example.org>
			MIME-Version: 1.0
			Content-Type: text/plain; charset=UTF-8

			The meeting moved to Thursday.
			Bring the quarterly figures.
			""".replace("\n", "\r\n");
}
