package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;
import io.knowledgecloud.ingest.internal.ExtractedDocument.Page;

class TextNormalizerTest {

	private final TextNormalizer normalizer = new TextNormalizer();

	private static String normalize(String text) {
		return TextNormalizer.normalize(text, new int[0]).text();
	}

	@Test
	void collapsesSpacesAndTabsAndTrimsLines() {
		assertThat(normalize("  one \t two\u00a0\u00a0three  \n   four\t\n")).isEqualTo("one two three\nfour");
	}

	@Test
	void normalisesLineEndingsAndKeepsAtMostOneBlankLine() {
		assertThat(normalize("a\r\nb\rc\n\n\n\n\nd\r\n\r\n\r\ne\f f")).isEqualTo("a\nb\nc\n\nd\n\ne\nf");
		assertThat(normalize("a\n \t \n \nb")).isEqualTo("a\n\nb");
	}

	@Test
	void stripsControlAndInvisibleCharactersButKeepsNewlines() {
		assertThat(normalize("\uFEFFbell\u0007 null\u0000 zero\u200Bwidth soft\u00ADhyphen\nnext"))
			.isEqualTo("bell null zerowidth softhyphen\nnext");
	}

	@Test
	void joinsWordsHyphenatedAcrossLines() {
		assertThat(normalize("the inter-\nnational law")).isEqualTo("the international law");
		assertThat(normalize("the inter- \r\n  national law")).isEqualTo("the international law");
		assertThat(normalize("a hyphen\u00AD\nated word")).isEqualTo("a hyphenated word");
	}

	@Test
	void keepsRealHyphens() {
		assertThat(normalize("state-of-the-art work")).isEqualTo("state-of-the-art work");
		assertThat(normalize("a state-of-the-\nart method")).isEqualTo("a state-of-the-art method");
		assertThat(normalize("Smith-\nJones")).isEqualTo("Smith-\nJones");
		assertThat(normalize("years 2020-\n2021")).isEqualTo("years 2020-\n2021");
		assertThat(normalize("a list -\nitem")).isEqualTo("a list -\nitem");
		assertThat(normalize("end of para-\n\nnext para")).isEqualTo("end of para-\n\nnext para");
	}

	@Test
	void composesToNfc() {
		String decomposed = "Cafe\u0301 and nai\u0308ve";

		assertThat(normalize(decomposed)).isEqualTo("Caf\u00e9 and na\u00efve");
	}

	@Test
	void marksMoveToTheFirstKeptCharacterAtOrAfterThem() {
		String raw = "  \n\nTitle  here\n\n\n\nBody   text";
		int title = raw.indexOf("Title");
		int body = raw.indexOf("Body") - 2; // inside the blank lines before "Body"

		TextNormalizer.Normalized normalized = TextNormalizer.normalize(raw, new int[] { 0, title, body, raw.length() });

		assertThat(normalized.text()).isEqualTo("Title here\n\nBody text");
		assertThat(normalized.map(0)).isZero();
		assertThat(normalized.map(title)).isZero();
		assertThat(normalized.map(body)).isEqualTo(normalized.text().indexOf("Body"));
		assertThat(normalized.map(raw.length())).isEqualTo(normalized.text().length());
	}

	@Test
	void pagesAndHeadingsStayOnTheirTextAndHyphensDoNotJoinAcrossPages() {
		String raw = "\n\nChap\u00adter  1\n\n\n\nIt was a dark and storm-\ny night.\n\n\n\nPage two starts \t here with a re-\n\n\n"
				+ "Part   2\n\nLast words.\n\n";
		int page2 = raw.indexOf("Page two");
		int page3 = raw.indexOf("Part");
		ExtractedDocument document = new ExtractedDocument(raw, "application/pdf", null,
				List.of(new Page(1, 0, page2), new Page(2, page2, page3), new Page(3, page3, raw.length())),
				List.of(new Heading(1, "Chap\u00adter  1", raw.indexOf("Chap")), new Heading(1, "Part   2", page3)));

		ExtractedDocument normalized = normalizer.normalize(document);

		String text = normalized.text();
		assertThat(text).isEqualTo(
				"Chapter 1\n\nIt was a dark and stormy night.\n\nPage two starts here with a re-\n\nPart 2\n\nLast words.");
		assertThat(normalized.pages()).containsExactly(new Page(1, 0, text.indexOf("Page two")),
				new Page(2, text.indexOf("Page two"), text.indexOf("Part 2")),
				new Page(3, text.indexOf("Part 2"), text.length()));
		assertThat(normalized.headings()).containsExactly(new Heading(1, "Chapter 1", 0),
				new Heading(1, "Part 2", text.indexOf("Part 2")));
	}

	@Test
	void aHyphenatedWordIsNotJoinedAcrossAStructureBoundary() {
		String raw = "a re-\nport";
		int boundary = raw.indexOf("port");

		TextNormalizer.Normalized normalized = TextNormalizer.normalize(raw, new int[] { boundary });

		assertThat(normalized.text()).isEqualTo("a re-\nport");
		assertThat(normalized.map(boundary)).isEqualTo(6);
	}

	@Test
	void blankInputStaysEmptyAndMarksGoToItsEnd() {
		TextNormalizer.Normalized normalized = TextNormalizer.normalize(" \n\t\n ", new int[] { 0, 3 });

		assertThat(normalized.text()).isEmpty();
		assertThat(normalized.map(0)).isZero();
		assertThat(normalized.map(3)).isZero();
	}
}
