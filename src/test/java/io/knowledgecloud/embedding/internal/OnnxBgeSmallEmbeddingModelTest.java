package io.knowledgecloud.embedding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/** Runs the real in-jar model (loaded once per JVM). */
class OnnxBgeSmallEmbeddingModelTest {

	private static final String PHOTOSYNTHESIS = "Photosynthesis is the process by which green plants use sunlight, "
			+ "water and carbon dioxide to produce glucose and oxygen in their chloroplasts.";
	private static final String OFFSIDE = "In football, a player is offside when nearer to the opponents' goal line "
			+ "than both the ball and the second-last opponent at the moment the ball is played.";

	private final OnnxBgeSmallEmbeddingModel model = new OnnxBgeSmallEmbeddingModel(3);

	@Test
	void describesItself() {
		assertThat(model.id()).isEqualTo("bge-small-en-v1.5-q");
		assertThat(model.dimension()).isEqualTo(384);
		assertThat(model.maxTokens()).isEqualTo(510);
	}

	@Test
	void vectorsHave384DimensionsAndUnitLength() {
		List<float[]> documents = model.embedDocuments(List.of(PHOTOSYNTHESIS, OFFSIDE));
		List<float[]> vectors = List.of(documents.get(0), documents.get(1), model.embedQuery("how do plants make sugar"));

		assertThat(vectors).hasSize(3).allSatisfy(v -> {
			assertThat(v).hasSize(384);
			assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
		});
	}

	@Test
	void aQueryIsCloserToARelevantPassageThanToAnUnrelatedOne() {
		float[] query = model.embedQuery("How do plants turn light into food?");
		List<float[]> passages = model.embedDocuments(List.of(PHOTOSYNTHESIS, OFFSIDE));

		double relevant = dot(query, passages.get(0));
		double unrelated = dot(query, passages.get(1));
		assertThat(relevant).as("relevant %s vs unrelated %s", relevant, unrelated).isGreaterThan(unrelated + 0.1);
	}

	@Test
	void queriesGetBgesInstructionPrefixAndDocumentsDoNot() {
		String text = "effects of caffeine on sleep";

		float[] asQuery = model.embedQuery(text);
		float[] asDocument = model.embedDocuments(List.of(text)).getFirst();
		float[] prefixedDocument = model.embedDocuments(List.of(OnnxBgeSmallEmbeddingModel.QUERY_PREFIX + text))
			.getFirst();

		assertThat(OnnxBgeSmallEmbeddingModel.QUERY_PREFIX)
			.isEqualTo("Represent this sentence for searching relevant passages: ");
		assertThat(dot(asQuery, asDocument)).isLessThan(0.999);
		assertThat(dot(asQuery, prefixedDocument)).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void countsWordPiecesWithoutSpecialTokens() {
		assertThat(model.countTokens("")).isZero();
		assertThat(model.countTokens("Hello, world!")).isEqualTo(4); // hello , world !
		assertThat(model.countTokens("unbelievable tokenization")).isEqualTo(3); // unbelievable token ##ization
		assertThat(model.countTokens("naïve café")).isEqualTo(2); // accents stripped, as the model sees them
	}

	@Test
	void countTokensAgreesWithTheModelsOwnTokenizer() {
		BgeSmallEnV15QuantizedEmbeddingModel bare = new BgeSmallEnV15QuantizedEmbeddingModel();
		for (String text : List.of(PHOTOSYNTHESIS, OFFSIDE, "x", "COVID-19 mRNA vaccines (BNT162b2) — 95% efficacy?")) {
			int modelCount = bare.embedAll(List.of(TextSegment.from(text))).tokenUsage().inputTokenCount();
			assertThat(model.countTokens(text)).as(text).isEqualTo(modelCount);
		}
	}

	@Test
	void textsBeyondMaxTokensAreTruncatedSoChunkersMustKeepToTheBudget() {
		String head = (PHOTOSYNTHESIS + " ").repeat(20);
		String tail = (OFFSIDE + " ").repeat(5);
		assertThat(model.countTokens(head)).isGreaterThan(model.maxTokens());

		List<float[]> vectors = model.embedDocuments(List.of(head, head + tail));

		// the tail lies beyond the first 510 tokens and does not change the vector at all
		assertThat(dot(vectors.get(0), vectors.get(1))).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void batchesReturnOneVectorPerTextInInputOrder() {
		List<String> texts = List.of("alpha particles", "beta decay", "gamma rays", "delta wing aircraft",
				"epsilon in calculus", "zeta function zeros", "eta meson");

		List<float[]> batched = model.embedDocuments(texts); // on 3 threads

		assertThat(batched).hasSize(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			float[] alone = model.embedDocuments(List.of(texts.get(i))).getFirst();
			assertThat(dot(batched.get(i), alone)).as(texts.get(i)).isCloseTo(1.0, within(1e-5));
		}
		assertThat(dot(batched.get(0), batched.get(1))).isLessThan(0.99);
	}

	@Test
	void vectorsAreTheLibrarysOwnForTheSameFiles() {
		BgeSmallEnV15QuantizedEmbeddingModel library = new BgeSmallEnV15QuantizedEmbeddingModel();
		String long_ = (PHOTOSYNTHESIS + " ").repeat(20);
		List<String> texts = List.of(PHOTOSYNTHESIS, OFFSIDE, "x", "COVID-19 mRNA vaccines (BNT162b2) — 95% efficacy?", long_);

		List<float[]> ours = model.embedDocuments(texts);

		for (int i = 0; i < texts.size(); i++) {
			float[] theirs = library.embed(texts.get(i)).content().vector();
			assertThat(dot(ours.get(i), theirs)).as(texts.get(i)).isCloseTo(1.0, within(1e-5));
		}
		float[] theirQuery = library.embed(OnnxBgeSmallEmbeddingModel.QUERY_PREFIX + "how do plants make sugar")
			.content()
			.vector();
		assertThat(dot(model.embedQuery("how do plants make sugar"), theirQuery)).isCloseTo(1.0, within(1e-5));
	}

	@Test
	void noTextsNoVectors() {
		assertThat(model.embedDocuments(List.of())).isEmpty();
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

	static double norm(float[] v) {
		return Math.sqrt(dot(v, v));
	}
}
