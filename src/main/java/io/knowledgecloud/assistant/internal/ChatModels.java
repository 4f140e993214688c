package io.knowledgecloud.assistant.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatModel;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.embedding.Embeddings;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The configured chat model and the extractive fallback. When the configured provider fails, the
 * answer comes from the extractive model and is marked degraded.
 */
@Component
public class ChatModels implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChatModels.class);

	/** Which model answered, and whether it was the fallback. */
	public record Outcome(ChatResponse response, String provider, boolean degraded) {
	}

	/** The model a workspace's questions go to, and the model name to ask for. */
	public record Selected(ChatModel model, String modelName, boolean workspaceOwn) {
	}

	private final ChatModel primary;
	private final ExtractiveChatModel extractive;
	private final AssistantSettings settings;
	private final ProviderStore providers;
	/** The workspace's stored choice, read through a short cache (every answer needs it). */
	private final com.github.benmanes.caffeine.cache.Cache<java.util.UUID, java.util.Optional<ProviderStore.Stored>> choices = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(java.time.Duration.ofSeconds(10))
		.build();
	/** Remote models built for workspaces, shared by equal configurations; closed when evicted. */
	private final com.github.benmanes.caffeine.cache.Cache<String, ChatModel> remotes = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(1_000)
		.expireAfterAccess(java.time.Duration.ofHours(1))
		.<String, ChatModel>removalListener((key, model, cause) -> {
			if (model instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception e) {
					log.debug("closing a workspace chat provider failed", e);
				}
			}
		})
		.build();

	ChatModels(AssistantSettings settings, Embeddings embeddings, ObjectProvider<MeterRegistry> meters,
			ProviderStore providers) {
		this.settings = settings;
		this.providers = providers;
		this.extractive = new ExtractiveChatModel(embeddings, settings.extractive().maxSentences(),
				settings.extractive().minConfidence());
		this.primary = switch (settings.provider()) {
			case "extractive" -> extractive;
			default -> RemoteChatModels.create(settings, meters.getIfAvailable());
		};
	}

	/** The workspace's own provider when it has one, else the server's. */
	public Selected select(java.util.UUID workspaceId) {
		var own = choices.get(workspaceId, providers::find).orElse(null);
		if (own == null) {
			return new Selected(primary, settings.model(), false);
		}
		if (own.provider().equals("extractive")) {
			return new Selected(extractive, own.model(), true);
		}
		String key = own.provider() + "|" + own.model() + "|" + own.baseUrl() + "|"
				+ (own.apiKey() == null ? "" : io.knowledgecloud.platform.Digests.sha256Hex(own.apiKey()));
		ChatModel model = remotes.get(key, k -> RemoteChatModels.create(own.provider(), own.model(),
				own.baseUrl() == null ? null : java.net.URI.create(own.baseUrl()), own.apiKey(), settings, null));
		return new Selected(model, own.model(), true);
	}

	/** Forget a workspace's cached choice (after it changed). */
	public void changed(java.util.UUID workspaceId) {
		choices.invalidate(workspaceId);
	}

	public boolean languageModel(Selected selected) {
		return selected.model() != extractive;
	}

	public Outcome chat(Selected selected, ChatRequest request) {
		return chat(selected.model(), request);
	}

	public Outcome stream(Selected selected, ChatRequest request, ChatListener listener) {
		return stream(selected.model(), request, listener);
	}

	public String provider() {
		return primary.id();
	}

	/** Whether the configured provider is a language model (whose calls cost and are limited). */
	public boolean languageModel() {
		return primary != extractive;
	}

	/** The extractive answer, whatever the configured provider (budget exhausted, for example). */
	public Outcome extractive(ChatRequest request, ChatListener listener) {
		var done = new ChatResponse[1];
		extractive.stream(request, new ChatListener() {
			@Override
			public void token(String text) {
				listener.token(text);
			}

			@Override
			public void complete(ChatResponse response) {
				done[0] = response;
			}
		});
		return new Outcome(done[0], extractive.id(), true);
	}

	public Outcome chat(ChatRequest request) {
		return chat(primary, request);
	}

	private Outcome chat(ChatModel primary, ChatRequest request) {
		try {
			return new Outcome(primary.chat(request), primary.id(), false);
		}
		catch (ChatModelFailed e) {
			if (primary == extractive) {
				throw e;
			}
			log.warn("chat provider {} failed ({}); answering extractively", primary.id(), e.getMessage());
			return new Outcome(extractive.chat(request), extractive.id(), true);
		}
	}

	/**
	 * Streams from the configured model; if it fails before the first token, the extractive
	 * answer is streamed instead (degraded). A failure after the first token ends the stream with
	 * the text so far.
	 */
	public Outcome stream(ChatRequest request, ChatListener listener) {
		return stream(primary, request, listener);
	}

	private Outcome stream(ChatModel primary, ChatRequest request, ChatListener listener) {
		var seen = new boolean[1];
		var done = new ChatResponse[1];
		ChatListener tracking = new ChatListener() {
			@Override
			public void requestSent() {
				listener.requestSent();
			}

			@Override
			public void token(String text) {
				seen[0] = true;
				listener.token(text);
			}

			@Override
			public void complete(ChatResponse response) {
				done[0] = response;
			}
		};
		try {
			primary.stream(request, tracking);
			return new Outcome(done[0], primary.id(), false);
		}
		catch (ChatModelFailed e) {
			if (primary == extractive || seen[0]) {
				throw e;
			}
			log.warn("chat provider {} failed ({}); answering extractively", primary.id(), e.getMessage());
			extractive.stream(request, tracking);
			return new Outcome(done[0], extractive.id(), true);
		}
	}

	/** Releases the remote provider's HTTP client. */
	@Override
	public void close() {
		remotes.invalidateAll();
		if (primary instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception e) {
				log.debug("closing chat provider {} failed", primary.id(), e);
			}
		}
	}
}
