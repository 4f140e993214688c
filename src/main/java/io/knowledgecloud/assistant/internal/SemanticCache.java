package io.knowledgecloud.assistant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.knowledgecloud.assistant.Answer;
import io.knowledgecloud.document.DocumentAccessChanged;
import io.knowledgecloud.document.DocumentDeleted;
import io.knowledgecloud.document.DocumentUploaded;
import io.knowledgecloud.document.DocumentVersionAdded;
import io.knowledgecloud.document.IngestionReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reuses an answer when a new question means nearly the same as an earlier one (cosine of their
 * embeddings at or above the threshold) in the same workspace, access scope, filters and model.
 * Any change to a document an answer cites (new version, access change, delete) removes the answer.
 * Kept per node, in memory.
 */
@Component
public class SemanticCache {

	/** What must match for an answer to be reused. {@code principal} null = a workspace admin. */
	public record Scope(UUID workspaceId, @Nullable UUID principal, String filters, String model) {
	}

	private record Entry(float[] vector, Answer answer, Set<UUID> documents) {
	}

	private final AssistantSettings.SemanticCache settings;
	private final Cache<Scope, List<Entry>> entries;
	private final Counter hits;
	private final Counter misses;
	private final Map<UUID, AtomicLong> epochs = new ConcurrentHashMap<>();

	SemanticCache(AssistantSettings settings, MeterRegistry meters) {
		this.settings = settings.semanticCache();
		this.entries = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(this.settings.ttl()).build();
		this.hits = Counter.builder("kc.assistant.semantic.cache").tag("result", "hit").register(meters);
		this.misses = Counter.builder("kc.assistant.semantic.cache").tag("result", "miss").register(meters);
	}

	public boolean enabled() {
		return settings.enabled();
	}

	public Optional<Answer> find(Scope scope, float[] question) {
		List<Entry> list = entries.getIfPresent(scope);
		Entry best = null;
		double bestScore = settings.threshold();
		if (list != null) {
			for (Entry e : list) {
				double cosine = Sentences.dot(question, e.vector());
				if (cosine >= bestScore) {
					best = e;
					bestScore = cosine;
				}
			}
		}
		(best == null ? misses : hits).increment();
		return best == null ? Optional.empty() : Optional.of(best.answer());
	}

	/**
	 * The workspace's change counter: take it before retrieving, pass it to {@link #put}, and an
	 * answer computed while a document changed is not stored.
	 */
	public long epoch(UUID workspaceId) {
		AtomicLong epoch = epochs.get(workspaceId);
		return epoch == null ? 0 : epoch.get();
	}

	public void put(Scope scope, float[] question, Answer answer, long epoch) {
		if (epoch(scope.workspaceId()) != epoch) {
			return;
		}
		Set<UUID> documents = new java.util.HashSet<>();
		answer.sources().forEach(s -> documents.add(s.documentId()));
		List<Entry> list = entries.get(scope, s -> new CopyOnWriteArrayList<>());
		list.add(new Entry(question, answer, Set.copyOf(documents)));
		while (list.size() > settings.maxPerScope()) {
			list.removeFirst();
		}
	}

	/** Removes every answer of the workspace that used {@code document}. */
	public void invalidate(UUID workspaceId, UUID document) {
		epochs.computeIfAbsent(workspaceId, id -> new AtomicLong()).incrementAndGet();
		for (var e : new ArrayList<>(entries.asMap().entrySet())) {
			if (e.getKey().workspaceId().equals(workspaceId)) {
				e.getValue().removeIf(entry -> entry.documents().contains(document));
			}
		}
	}

	@ApplicationModuleListener
	void on(DocumentUploaded event) {
		invalidate(event.workspaceId(), event.documentId().value());
	}

	@ApplicationModuleListener
	void on(DocumentVersionAdded event) {
		invalidate(event.workspaceId(), event.documentId().value());
	}

	/** A new version became searchable: answers built from the old one go. */
	@ApplicationModuleListener
	void on(IngestionReport.Indexed event) {
		invalidate(event.workspaceId(), event.documentId().value());
	}

	@ApplicationModuleListener
	void on(DocumentAccessChanged event) {
		invalidate(event.workspaceId(), event.documentId().value());
	}

	@ApplicationModuleListener
	void on(DocumentDeleted event) {
		invalidate(event.workspaceId(), event.documentId().value());
	}
}
