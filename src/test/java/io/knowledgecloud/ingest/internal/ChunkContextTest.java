package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The header the embedding model reads in front of a chunk. */
class ChunkContextTest {

	private static Chunk chunk(String text, String... headings) {
		return new Chunk(1, text, 0, text.length(), null, List.of(headings), 10, Chunker.sha256(text));
	}

	@Test
	void aChunkFromTheMiddleOfADocumentGetsTheTitleAndItsHeadingsInFront() {
		String input = ChunkContext.embeddingInput("Remote work policy",
				chunk("Laptops are reimbursed up to 500 euros a year.", "Policy", "Equipment"));

		assertThat(input).isEqualTo("Remote work policy > Policy > Equipment\n\nLaptops are reimbursed up to 500 euros a year.");
	}

	@Test
	void whatTheChunkAlreadyBeginsWithIsNotRepeated() {
		String text = "Remote Work Policy\n\nEmployees may work from home two days a week.";

		assertThat(ChunkContext.embeddingInput("Remote work policy", chunk(text))).isEqualTo(text);
		assertThat(ChunkContext.embeddingInput("Remote work policy", chunk(text, "Remote work policy", "Scope")))
			.isEqualTo("Scope\n\n" + text);
	}

	@Test
	void aBlankTitleAndRepeatedHeadingsAddNothingAndALongHeaderIsCut() {
		assertThat(ChunkContext.embeddingInput(" ", chunk("Plain text."))).isEqualTo("Plain text.");
		assertThat(ChunkContext.embeddingInput("Guide", chunk("Body.", "Guide", "guide"))).isEqualTo("Guide\n\nBody.");
		String input = ChunkContext.embeddingInput("t".repeat(1000), chunk("Body."));
		assertThat(input).hasSize(ChunkContext.MAX_HEADER_CHARS + "\n\nBody.".length()).endsWith("\n\nBody.");
	}
}
