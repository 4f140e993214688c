package io.knowledgecloud.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.Passage;
import io.knowledgecloud.embedding.TestEmbeddings;

/** The extractive answerer with the real embedding model: picks answering sentences, or says there are none. */
class ExtractiveChatModelTest {

	private final ExtractiveChatModel model = new ExtractiveChatModel(TestEmbeddings.bgeSmall(), 4, 0.45);

	private static final List<Passage> PASSAGES = List.of(
			new Passage(1, "Blue whales", "Blue whales\n\nBlue whales are the largest animals that ever lived. An adult "
					+ "blue whale can live for 80 to 90 years. They feed almost only on krill."),
			new Passage(2, "Bread", "Sourdough bread rises slowly because wild yeast ferments the dough overnight. A hot "
					+ "oven gives the loaf its crust."));

	@Test
	void answersWithTheSentencesThatAnswerAndTheirMarkers() {
		String answer = ask("Which animal is the largest that ever lived? How long do they live?");
		assertThat(answer).contains("80 to 90 years. [1]").doesNotContain("Sourdough").doesNotStartWith("Blue whales\n");
	}

	@Test
	void saysPlainlyWhenNothingAnswers() {
		assertThat(ask("What is the boiling point of liquid nitrogen in Kelvin?"))
			.isEqualTo(ExtractiveChatModel.NO_ANSWER);
	}

	private String ask(String question) {
		return model.chat(new ChatRequest("extractive-v1", List.of(), PASSAGES, question, List.of(), null, null))
			.content();
	}
}
