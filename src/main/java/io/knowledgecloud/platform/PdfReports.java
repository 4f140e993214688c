package io.knowledgecloud.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Reports written in Markdown, rendered to HTML (CommonMark with GFM tables) and to PDF
 * (openhtmltopdf on PDFBox). Raw HTML in the Markdown is escaped and nothing external is loaded
 * (no images or stylesheets by URL), so text from documents, users or a model cannot inject markup
 * or make the server fetch addresses. PDFs use the standard PDF fonts: Latin text only.
 */
@Component
public class PdfReports {

	private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
	private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();
	private static final String STYLE = """
			body { font-family: Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; }
			h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 16pt; }
			table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 3pt 6pt; text-align: left; }
			code, pre { font-family: Courier, monospace; }
			""";

	/** The Markdown as an HTML fragment (XHTML, so it also feeds {@link #pdf}). */
	public String html(String markdown) {
		return RENDERER.render(PARSER.parse(markdown));
	}

	/** A complete HTML page with {@code title} as heading and the Markdown below it. */
	public String page(String title, String markdown) {
		String t = HtmlUtils.htmlEscape(title);
		return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>" + t + "</title><style>" + STYLE
				+ "</style></head><body><h1>" + t + "</h1>" + html(markdown) + "</body></html>";
	}

	/** The page of {@link #page} as a PDF document. */
	public byte[] pdf(String title, String markdown) {
		var out = new ByteArrayOutputStream();
		try {
			new PdfRendererBuilder().useFastMode()
				.withHtmlContent(page(title, markdown), null)
				.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
				.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
				.withProducer("KnowledgeCloud")
				.toStream(out)
				.run();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot render the PDF report " + title, e);
		}
		return out.toByteArray();
	}
}
