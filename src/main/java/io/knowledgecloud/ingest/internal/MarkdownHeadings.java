package io.knowledgecloud.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;

/**
 * Finds the headings of a Markdown document, which Tika reads as plain text. ATX headings
 * ({@code # Title} … {@code ###### Title}) become headings and lose their {@code #} markers;
 * lines inside fenced code blocks are left alone, so a shell comment is not a heading. Setext
 * headings (a line underlined with {@code ===}) are not recognised: {@code ---} under a line is
 * ambiguous with a thematic break, and ATX is what nearly all Markdown in the wild uses.
 */
final class MarkdownHeadings {

	static final Set<String> MEDIA_TYPES = Set.of("text/markdown", "text/x-markdown", "text/x-web-markdown");

	private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*\\r?$");
	private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

	private MarkdownHeadings() {
	}

	static boolean isMarkdown(String mediaType) {
		return MEDIA_TYPES.contains(mediaType);
	}

	/** The document with heading markers removed and its headings listed; pages stay empty. */
	static ExtractedDocument apply(ExtractedDocument document) {
		String text = document.text();
		StringBuilder out = new StringBuilder(text.length());
		List<Heading> headings = new ArrayList<>();
		String fence = null;
		int lineStart = 0;
		while (lineStart < text.length()) {
			int newline = text.indexOf('\n', lineStart);
			int lineEnd = newline < 0 ? text.length() : newline + 1;
			String line = text.substring(lineStart, newline < 0 ? text.length() : newline);
			Matcher fenceMatch = FENCE.matcher(line);
			Matcher atx = ATX.matcher(line);
			if (fenceMatch.find()) {
				String marker = fenceMatch.group(1);
				fence = fence == null ? marker : fence.equals(marker) ? null : fence;
				out.append(text, lineStart, lineEnd);
			}
			else if (fence == null && atx.matches() && atx.group(2) != null && !atx.group(2).isBlank()) {
				headings.add(new Heading(atx.group(1).length(), atx.group(2).strip(), out.length()));
				// a heading is a block of its own, as in every other format
				out.append(atx.group(2).strip()).append("\n\n");
			}
			else {
				out.append(text, lineStart, lineEnd);
			}
			lineStart = lineEnd;
		}
		return new ExtractedDocument(out.toString(), document.mediaType(), document.title(), document.pages(),
				headings);
	}
}
