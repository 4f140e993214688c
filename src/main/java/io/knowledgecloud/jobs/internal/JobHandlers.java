package io.knowledgecloud.jobs.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.knowledgecloud.jobs.JobHandler;

/**
 * The registered handlers by type. Looked up lazily: handlers live in other modules and may
 * themselves submit jobs, so resolving them when the scheduler is built would be a cycle.
 */
@Component
class JobHandlers {

	private final ObjectProvider<JobHandler> provider;
	private volatile Map<String, JobHandler> byType = Map.of();

	JobHandlers(ObjectProvider<JobHandler> provider) {
		this.provider = provider;
	}

	Optional<JobHandler> find(String type) {
		return Optional.ofNullable(all().get(type));
	}

	/** The types workspace admins may schedule, sorted. */
	List<String> schedulableTypes() {
		return all().values().stream().filter(JobHandler::schedulable).map(JobHandler::type).sorted().toList();
	}

	List<String> types() {
		return all().keySet().stream().sorted().toList();
	}

	private Map<String, JobHandler> all() {
		Map<String, JobHandler> current = byType;
		if (current.isEmpty()) {
			Map<String, JobHandler> map = new HashMap<>();
			provider.orderedStream().forEach(h -> {
				if (map.put(h.type(), h) != null) {
					throw new IllegalStateException("Two JobHandlers for type " + h.type());
				}
			});
			current = Map.copyOf(map);
			byType = current;
		}
		return current;
	}
}
