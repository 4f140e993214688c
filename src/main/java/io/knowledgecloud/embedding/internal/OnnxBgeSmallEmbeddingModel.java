package io.knowledgecloud.embedding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.knowledgecloud.embedding.spi.EmbeddingModel;

/**
 * BAAI bge-small-en-v1.5, int8-quantised, run in-process by ONNX Runtime from the model and
 * tokenizer files shipped inside the langchain4j jar: nothing is downloaded, ever.
 * <p>
 * Loading takes 1–3 s (ONNX session, native tokenizer library). It happens once per JVM, on a
 * background thread started by {@link #preload()} at start-up, so the server is ready without
 * waiting for it and the first query usually finds the model loaded; a call that comes earlier
 * waits for the load to finish.
 * <p>
 * Texts longer than {@link #maxTokens()} are truncated by the model (this langchain4j version's
 * tokenizer cuts at 512 tokens including {@code [CLS]}/{@code [SEP]}; the tail is ignored), so
 * chunkers must keep to the budget, counted with {@link #countTokens(String)}.
 */
public final class OnnxBgeSmallEmbeddingModel implements EmbeddingModel {

	static final String ID = "bge-small-en-v1.5-q";
	static final int DIMENSION = 384;
	/** 512 positions less {@code [CLS]} and {@code [SEP]}. */
	static final int MAX_TOKENS = 510;
	/** BGE v1.5's instruction for short queries that retrieve passages; documents get none. */
	static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

	private static final Logger log = LoggerFactory.getLogger(OnnxBgeSmallEmbeddingModel.class);

	private final int batchSize;

	public OnnxBgeSmallEmbeddingModel(int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1");
		}
		this.batchSize = batchSize;
	}

	/** Starts loading the model in the background; returns at once. */
	public void preload() {
		Thread.ofPlatform().daemon().name("embedding-model-loader").start(() -> {
			try {
				long started = System.nanoTime();
				Loaded.touch();
				log.info("Embedding model {} ready after {} ms", ID, (System.nanoTime() - started) / 1_000_000);
			}
			catch (Throwable ex) {
				// the first real call fails with the cause as well; this only makes it visible early
				log.error("Embedding model {} could not be loaded", ID, ex);
			}
		});
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public int maxTokens() {
		return MAX_TOKENS;
	}

	/** Word pieces without {@code [CLS]}/{@code [SEP]}, with the tokenizer file the model uses. */
	@Override
	public int countTokens(String text) {
		return Loaded.TOKENIZER.encode(text, false, false).getIds().length;
	}

	/**
	 * The model runs one text at a time on its own thread pool (one thread per core); a batch
	 * bounds how many texts are handed to that pool at once.
	 */
	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int from = 0; from < texts.size(); from += batchSize) {
			List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + batchSize))
				.stream()
				.map(TextSegment::from)
				.toList();
			for (Embedding embedding : Loaded.MODEL.embedAll(batch).content()) {
				vectors.add(embedding.vector());
			}
		}
		return vectors;
	}

	@Override
	public float[] embedQuery(String query) {
		return Loaded.MODEL.embed(QUERY_PREFIX + query).content().vector();
	}

	/** Loaded on first access, once per JVM, thread-safely (class initialisation). */
	private static final class Loaded {

		static final BgeSmallEnV15QuantizedEmbeddingModel MODEL = new BgeSmallEnV15QuantizedEmbeddingModel();

		/** The tokenizer file the model itself uses; truncation off so long texts count in full. */
		static final HuggingFaceTokenizer TOKENIZER = tokenizer();

		static void touch() {
			// referencing the class is enough to initialise it
		}

		private static HuggingFaceTokenizer tokenizer() {
			try (InputStream json = BgeSmallEnV15QuantizedEmbeddingModel.class
				.getResourceAsStream("/bge-small-en-v1.5-q-tokenizer.json")) {
				if (json == null) {
					throw new IllegalStateException("bge-small-en-v1.5-q-tokenizer.json is missing from the classpath");
				}
				return HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "false"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}
}
