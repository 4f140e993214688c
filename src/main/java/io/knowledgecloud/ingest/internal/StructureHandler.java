package io.knowledgecloud.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;
import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;
import io.knowledgecloud.ingest.internal.ExtractionFailed.Reason;

/**
 * Turns Tika's XHTML events into plain text while remembering where pages and headings start.
 *
 * <p>Text is everything inside {@code <body>}. Every block element ({@code p}, headings,
 * {@code div}, tables, lists …) ends with a blank line, so a blank line in the text means a
 * paragraph boundary and a single newline a line break within one (table rows, list items and
 * {@code br} are lines); {@link TextNormalizer} later
 * collapses the surplus. PDF pages arrive as {@code <div class="page">}, headings as
 * {@code h1}..{@code h6}. Inside embedded documents (attachments, archive entries: Tika wraps them
 * in {@code div class="package-entry"} or {@code "embedded"}) text is kept but their pages and
 * headings are not, so an attached PDF does not renumber the pages of the e-mail.
 *
 * <p>A limit, once exceeded, is remembered in {@link #failure()} and every later event throws
 * again: some parsers catch exceptions per page or per entry and carry on, and the extractor must
 * still see the failure after the parse returns.
 */
final class StructureHandler extends DefaultHandler {

	private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
			"ol", "dl", "blockquote", "pre", "section", "article", "header", "footer", "aside", "nav", "figure",
			"address", "main");

	private static final char[] BLANK_LINE = { '\n', '\n' };

	private final ExtractionLimits limits;
	private final BooleanSupplier cancelled;
	private final StringBuilder text = new StringBuilder();
	private final List<Integer> pageStarts = new ArrayList<>();
	private final List<Heading> headings = new ArrayList<>();
	/** Element depth of each open embedded-document wrapper. */
	private final List<Integer> embeddedAt = new ArrayList<>();
	private int depth;
	private int bodyDepth = -1;
	private int headingLevel;
	private int headingStart;
	private @Nullable StringBuilder headingText;
	private @Nullable LimitExceeded failure;

	StructureHandler(ExtractionLimits limits, BooleanSupplier cancelled) {
		this.limits = limits;
		this.cancelled = cancelled;
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
		check();
		depth++;
		String name = localName.isEmpty() ? qName : localName;
		if (bodyDepth <= 0) {
			if (bodyDepth < 0 && name.equals("body")) {
				bodyDepth = depth;
			}
			return;
		}
		String cssClass = atts.getValue("class");
		if (name.equals("div") && ("package-entry".equals(cssClass) || "embedded".equals(cssClass))) {
			embeddedAt.add(depth);
		}
		if ((name.equals("tr") || name.equals("li")) && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
			// rows and list items are lines; Tika's XHTML writer usually ends them with a newline already
			append(BLANK_LINE, 0, 1);
		}
		if (!embeddedAt.isEmpty()) {
			return;
		}
		if (name.equals("div") && "page".equals(cssClass)) {
			if (pageStarts.size() >= limits.maxPages()) {
				throw fail(Reason.TOO_MANY_PAGES, "The limit is " + limits.maxPages() + ".");
			}
			pageStarts.add(text.length());
		}
		int level = headingLevel(name);
		if (level > 0 && headingText == null) {
			blankLine();
			headingLevel = level;
			headingStart = text.length();
			headingText = new StringBuilder();
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) throws SAXException {
		check();
		String name = localName.isEmpty() ? qName : localName;
		if (bodyDepth > 0 && depth >= bodyDepth) {
			if (headingText != null && headingLevel(name) == headingLevel) {
				String heading = headingText.toString().replaceAll("\\s+", " ").strip();
				if (!heading.isEmpty()) {
					headings.add(new Heading(headingLevel, heading, headingStart));
				}
				headingText = null;
			}
			if (BLOCKS.contains(name)) {
				blankLine();
			}
			if (!embeddedAt.isEmpty() && embeddedAt.getLast() == depth) {
				embeddedAt.removeLast();
			}
		}
		if (depth == bodyDepth) {
			bodyDepth = 0;
		}
		depth--;
	}

	@Override
	public void characters(char[] ch, int start, int length) throws SAXException {
		check();
		if (bodyDepth > 0) {
			append(ch, start, length);
		}
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
		characters(ch, start, length);
	}

	private void blankLine() throws SAXException {
		append(BLANK_LINE, 0, 2);
	}

	private void append(char[] ch, int start, int length) throws SAXException {
		if (text.length() + (long) length > limits.maxCharacters()) {
			throw fail(Reason.TOO_MUCH_TEXT, "The limit is " + limits.maxCharacters() + " characters.");
		}
		text.append(ch, start, length);
		if (headingText != null) {
			headingText.append(ch, start, length);
		}
	}

	private void check() throws LimitExceeded {
		if (failure != null) {
			throw failure;
		}
		if (cancelled.getAsBoolean()) {
			throw fail(Reason.EXTRACTION_TIMEOUT, null);
		}
	}

	private LimitExceeded fail(Reason reason, @Nullable String detail) {
		failure = new LimitExceeded(new ExtractionFailed(reason, detail, null));
		return failure;
	}

	private static int headingLevel(String name) {
		return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
				? name.charAt(1) - '0' : 0;
	}

	/** The limit this handler stopped the parse for, if any. */
	@Nullable ExtractionFailed failure() {
		return failure == null ? null : failure.failure;
	}

	ExtractedDocument document(String mediaType, @Nullable String title) {
		List<Page> pages = new ArrayList<>(pageStarts.size());
		for (int i = 0; i < pageStarts.size(); i++) {
			int end = i + 1 < pageStarts.size() ? pageStarts.get(i + 1) : text.length();
			pages.add(new Page(i + 1, pageStarts.get(i), end));
		}
		return new ExtractedDocument(text.toString(), mediaType, title, pages, headings);
	}

	/** Carries an {@link ExtractionFailed} through parsers, which only let SAX exceptions pass. */
	static final class LimitExceeded extends SAXException {

		private final ExtractionFailed failure;

		LimitExceeded(ExtractionFailed failure) {
			super(failure.getMessage());
			this.failure = failure;
		}

		ExtractionFailed failure() {
			return failure;
		}
	}
}
