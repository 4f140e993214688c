package io.knowledgecloud.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** How an answer is cut into cited sentences and how unknown markers go. */
class CitationVerifierTest {

	@Test
	void markersAfterThePeriodBelongToTheirSentence() {
		assertThat(CitationVerifier.sentencesWithTheirMarkers("Plants make sugar. [1] It feeds them. [1][2] Done."))
			.containsExactly("Plants make sugar. [1]", "It feeds them. [1][2]", "Done.");
	}

	@Test
	void markersBeforeThePeriodAlsoWork() {
		assertThat(CitationVerifier.sentencesWithTheirMarkers("Plants make sugar [1]. It feeds them [2]."))
			.containsExactly("Plants make sugar [1].", "It feeds them [2].");
	}

	@Test
	void markersToSourcesThatWereNotSuppliedAreRemoved() {
		assertThat(CitationVerifier.removeUnknownMarkers("A fact [1]. An invented one [7]. Both [1][9].", Set.of(1)))
			.isEqualTo("A fact [1]. An invented one. Both [1].");
	}

	@Test
	void sentencesSplitAtLineBreaks() {
		assertThat(Sentences.split("Heading\n\nFirst sentence. Second one.").stream().map(Sentences.Sentence::text))
			.containsExactly("Heading", "First sentence.", "Second one.");
		assertThat(Sentences.split("ab\ncd").get(1).start()).isEqualTo(3);
	}
}
