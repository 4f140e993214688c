package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.AgentMemory;
import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.embedding.Embeddings;
import tools.jackson.databind.JsonNode;

/**
 * Long-term memory per user: a finished run leaves one fact (its goal and the gist of its answer);
 * a new run recalls the closest facts once, as its first step, so the trace shows what it knew.
 */
@Component
class AgentMemories {

	private static final Logger log = LoggerFactory.getLogger(AgentMemories.class);

	private final MemoryStore store;
	private final StepStore steps;
	private final Embeddings embeddings;
	private final AgentSettings settings;
	private final Clock clock;

	AgentMemories(MemoryStore store, StepStore steps, Embeddings embeddings, AgentSettings settings, Clock clock) {
		this.store = store;
		this.steps = steps;
		this.embeddings = embeddings;
		this.settings = settings;
		this.clock = clock;
	}

	List<String> recall(AgentRun run, List<Step> trace) {
		for (Step s : trace) {
			if (Step.MEMORY.equals(s.kind())) {
				return Args.JSON.readTree(s.data() == null ? "{}" : s.data()).path("facts").valueStream()
					.map(JsonNode::asString)
					.toList();
			}
		}
		if (!trace.isEmpty() || settings.memories() == 0) {
			return List.of();
		}
		List<String> facts = store.recall(run.workspaceId(), run.ownerId(), embeddings.modelId(),
				embeddings.embedQuery(run.goal()), settings.memories()).stream().map(AgentMemory::fact).toList();
		if (!facts.isEmpty()) {
			steps.append(new Step(run.id(), steps.nextSeq(run.id()), Scope.SUPERVISOR, Step.MEMORY, null, null, null, null,
					String.join("\n", facts), "recalled " + facts.size() + " facts from earlier runs",
					Args.json(Map.of("facts", facts)), 0, 0, clock.instant()));
		}
		return facts;
	}

	/**
	 * The fact a successful run leaves, embedded now (outside any transaction); the returned action
	 * stores it and runs in the transaction that finishes the run.
	 */
	Runnable prepare(AgentRun run, String answer) {
		try {
			List<String> sentences = TextAnalysis.sentences(answer.replaceAll("[#*_>`-]+", " "));
			String gist = String.join(" ", sentences.subList(0, Math.min(2, sentences.size())));
			String fact = RunStore.cut("Goal: " + run.goal() + " — " + gist, 1000);
			float[] vector = embeddings.embedDocuments(List.of(fact)).getFirst();
			return () -> store.insert(run.workspaceId(), run.ownerId(), run.id(), fact, embeddings.modelId(), vector,
					clock.instant());
		}
		catch (RuntimeException e) {
			log.warn("Could not embed a memory of run {}: {}", run.id(), e.toString());
			return () -> {
			};
		}
	}
}
