package io.knowledgecloud.embedding;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.embedding.internal.OnnxBgeSmallEmbeddingModel;
import io.knowledgecloud.embedding.spi.EmbeddingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns text into vectors with the configured model ({@code kc.embedding.provider}). Ingest,
 * search and the assistant use this, never an adapter, so every call is timed
 * ({@code embedding.documents}, {@code embedding.query}, tagged with the model and the outcome).
 * Vectors have unit length; store {@link #modelId()} with them.
 * <p>
 * Remote providers fail with {@link EmbeddingFailed}; see {@link EmbeddingFailed#retryable()}.
 */
@Service
public class Embeddings {

	private final EmbeddingModel model;
	private final MeterRegistry registry;
	private final Counter texts;
	/** The in-process model when another one is configured; made on first use. */
	private volatile @Nullable EmbeddingModel inProcess;
	/**
	 * Query embeddings started ahead of their use: platform threads (the model's native call would pin a
	 * virtual thread's carrier), one per processor; when all are busy the caller embeds the query itself.
	 * Once shut down it refuses (the caller-runs policy would drop the task silently, and its future
	 * would never complete).
	 */
	private final ExecutorService ahead = new ThreadPoolExecutor(0, Runtime.getRuntime().availableProcessors(), 60,
			TimeUnit.SECONDS, new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("query-embedding-", 1).factory(),
			(task, pool) -> {
				if (pool.isShutdown()) {
					throw new RejectedExecutionException("The server is stopping");
				}
				task.run();
			});

	Embeddings(EmbeddingModel model, MeterRegistry registry) {
		this.model = model;
		this.registry = registry;
		this.texts = Counter.builder("embedding.texts")
			.description("Passages embedded")
			.tag("model", model.id())
			.register(registry);
	}

	/** Stable id of the model; vectors of different ids must never be compared. */
	public String modelId() {
		return model.id();
	}

	/** Vector length. For a remote provider without a configured dimension, the first call may ask it. */
	public int dimension() {
		return model.dimension();
	}

	/** The longest passage, in {@link #countTokens(String)} tokens, that is embedded whole. */
	public int maxTokens() {
		return model.maxTokens();
	}

	/** Tokens as the model counts them (exact for the in-process model, estimated for remote ones). */
	public int countTokens(String text) {
		return model.countTokens(text);
	}

	/**
	 * One vector per passage, in order.
	 * @throws IllegalArgumentException if a text is blank (no model embeds nothing meaningfully)
	 */
	public List<float[]> embedDocuments(List<String> passages) {
		if (passages.isEmpty()) {
			return List.of();
		}
		passages.forEach(Embeddings::requireText);
		List<float[]> vectors = timed("embedding.documents", () -> model.embedDocuments(passages));
		texts.increment(passages.size());
		return vectors;
	}

	/**
	 * The vector of a search query, with the model's query instruction if it has one.
	 * @throws IllegalArgumentException if the query is blank
	 */
	public float[] embedQuery(String query) {
		requireText(query);
		return timed("embedding.query", () -> model.embedQuery(query));
	}

	/**
	 * {@link #embedQuery(String, String)} started now on another core, so the caller can do other work
	 * (a keyword search, its own checks) while the model runs. The future fails with what
	 * {@code embedQuery} would have thrown; when every core is already embedding, the query is embedded
	 * on the calling thread and the future is complete on return.
	 * @throws IllegalArgumentException for a model this server cannot run, or a blank query
	 */
	public CompletableFuture<float[]> embedQueryAhead(String modelId, String query) {
		EmbeddingModel with = model(modelId);
		requireText(query);
		return CompletableFuture.supplyAsync(() -> timed("embedding.query", () -> with.embedQuery(query)), ahead);
	}

	/**
	 * Whether texts can be embedded with {@code modelId} on this server: the configured model, and
	 * the in-process model, which is always in the jar. Search uses this to keep querying an index
	 * generation of the previous model while the documents are re-embedded for the new one.
	 */
	public boolean canEmbedWith(String modelId) {
		return modelId.equals(model.id()) || modelId.equals(OnnxBgeSmallEmbeddingModel.ID);
	}

	/**
	 * A query vector of {@code modelId}, which {@link #canEmbedWith(String)} must allow.
	 * @throws IllegalArgumentException for a model this server cannot run
	 */
	public float[] embedQuery(String modelId, String query) {
		EmbeddingModel with = model(modelId);
		requireText(query);
		return timed("embedding.query", () -> with.embedQuery(query));
	}

	/** Passage vectors of {@code modelId}, which {@link #canEmbedWith(String)} must allow. */
	public List<float[]> embedDocuments(String modelId, List<String> passages) {
		EmbeddingModel with = model(modelId);
		if (passages.isEmpty()) {
			return List.of();
		}
		passages.forEach(Embeddings::requireText);
		return timed("embedding.documents", () -> with.embedDocuments(passages));
	}

	private EmbeddingModel model(String modelId) {
		if (modelId.equals(model.id())) {
			return model;
		}
		if (!modelId.equals(OnnxBgeSmallEmbeddingModel.ID)) {
			throw new IllegalArgumentException("This server cannot embed with " + modelId);
		}
		EmbeddingModel local = inProcess;
		if (local == null) {
			synchronized (this) {
				local = inProcess;
				if (local == null) {
					local = new OnnxBgeSmallEmbeddingModel(0);
					inProcess = local;
				}
			}
		}
		return local;
	}

	/** Stops the query threads, and the in-process model's when it was made for another generation's queries. */
	@jakarta.annotation.PreDestroy
	void close() {
		ahead.shutdownNow();
		if (inProcess instanceof OnnxBgeSmallEmbeddingModel local) {
			local.close();
		}
	}

	private <T> T timed(String name, Supplier<T> call) {
		Timer.Sample sample = Timer.start(registry);
		String outcome = "failure";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		finally {
			sample.stop(Timer.builder(name).tag("model", model.id()).tag("outcome", outcome).register(registry));
		}
	}

	private static void requireText(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("Cannot embed a blank text");
		}
	}
}
