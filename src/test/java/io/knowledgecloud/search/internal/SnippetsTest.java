package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Snippets pick the sentence with the most query words and mark the words by range. */
class SnippetsTest {

	private final Snippets snippets = new Snippets(80);

	@Test
	void theBestSentenceLeadsAndStemmedMatchesAreMarked() {
		String text = "Cats sleep a lot. Dogs run in parks every morning. Running dogs need water.";
		var snippet = snippets.of(text, snippets.terms("running water"));
		assertThat(snippet.text()).startsWith("\u2026 Running dogs need water.");
		assertThat(snippet.highlights()).hasSize(2);
		var first = snippet.highlights().getFirst();
		assertThat(snippet.text().substring(first.start(), first.end())).isEqualTo("Running");
	}

	@Test
	void withoutSharedWordsTheOpeningIsShownAndLongTextIsCut() {
		String text = "First sentence here. " + "word ".repeat(100);
		var snippet = snippets.of(text, snippets.terms("unrelated"));
		assertThat(snippet.text()).startsWith("First sentence here.").endsWith("\u2026");
		assertThat(snippet.text().length()).isLessThanOrEqualTo(82);
		assertThat(snippet.highlights()).isEmpty();
	}

	@Test
	void hostileTextStaysPlainText() {
		var snippet = snippets.of("<script>alert(1)</script> data", snippets.terms("data"));
		assertThat(snippet.text()).isEqualTo("<script>alert(1)</script> data");
		assertThat(snippet.highlights()).hasSize(1);
	}
}
