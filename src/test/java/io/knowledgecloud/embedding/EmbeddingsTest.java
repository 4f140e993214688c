package io.knowledgecloud.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.embedding.spi.EmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EmbeddingsTest {

	private final FakeModel model = new FakeModel();
	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
	private final Embeddings embeddings = new Embeddings(model, registry);

	@Test
	void delegatesToTheConfiguredModel() {
		assertThat(embeddings.modelId()).isEqualTo("fake");
		assertThat(embeddings.dimension()).isEqualTo(2);
		assertThat(embeddings.maxTokens()).isEqualTo(100);
		assertThat(embeddings.countTokens("a b c")).isEqualTo(3);
		assertThat(embeddings.embedDocuments(List.of("x", "yy"))).containsExactly(new float[] { 1, 0 },
				new float[] { 2, 0 });
		assertThat(embeddings.embedQuery("zzz")).containsExactly(0, 3);
		assertThat(model.calls).containsExactly("documents [x, yy]", "query zzz");
	}

	@Test
	void timesEachCallByModelAndOutcome() {
		embeddings.embedDocuments(List.of("x", "yy"));
		embeddings.embedQuery("q");
		model.failing = true;
		assertThatThrownBy(() -> embeddings.embedQuery("q")).isInstanceOf(EmbeddingFailed.class);

		assertThat(registry.get("embedding.documents").tag("model", "fake").tag("outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("embedding.query").tag("outcome", "success").timer().count()).isEqualTo(1);
		assertThat(registry.get("embedding.query").tag("outcome", "failure").timer().count()).isEqualTo(1);
		assertThat(registry.get("embedding.texts").tag("model", "fake").counter().count()).isEqualTo(2);
	}

	@Test
	void blankTextsAreRefusedBeforeTheModelIsCalled() {
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embedQuery("  "));
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embedDocuments(List.of("ok", "\n")));
		assertThat(model.calls).isEmpty();
	}

	@Test
	void aQueryEmbeddedAheadIsTheSameVectorTimedTheSameWayAndFailsTheSameWay() {
		assertThat(embeddings.embedQueryAhead("fake", "zzz").join()).containsExactly(0, 3);
		assertThat(registry.get("embedding.query").tag("outcome", "success").timer().count()).isEqualTo(1);
		model.failing = true;
		assertThatThrownBy(() -> embeddings.embedQueryAhead("fake", "q").join()).hasCauseInstanceOf(EmbeddingFailed.class);
		assertThat(registry.get("embedding.query").tag("outcome", "failure").timer().count()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embedQueryAhead("fake", " "));
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embedQueryAhead("another-model", "q"));
	}

	@Test
	void aQueryAheadAfterShutdownIsRefusedNotLeftHanging() {
		embeddings.close();
		assertThatThrownBy(() -> embeddings.embedQueryAhead("fake", "q"))
			.isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
	}

	@Test
	void noPassagesNoCall() {
		assertThat(embeddings.embedDocuments(List.of())).isEmpty();
		assertThat(model.calls).isEmpty();
	}

	private static final class FakeModel implements EmbeddingModel {

		final List<String> calls = new ArrayList<>();
		boolean failing;

		@Override
		public String id() {
			return "fake";
		}

		@Override
		public int dimension() {
			return 2;
		}

		@Override
		public int maxTokens() {
			return 100;
		}

		@Override
		public int countTokens(String text) {
			return text.split(" ").length;
		}

		@Override
		public List<float[]> embedDocuments(List<String> texts) {
			calls.add("documents " + texts);
			return texts.stream().map(t -> new float[] { t.length(), 0 }).toList();
		}

		@Override
		public float[] embedQuery(String query) {
			if (failing) {
				throw EmbeddingFailed.unavailable("down", null);
			}
			calls.add("query " + query);
			return new float[] { 0, query.length() };
		}
	}
}
