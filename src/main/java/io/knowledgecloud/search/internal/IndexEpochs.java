package io.knowledgecloud.search.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * A counter per workspace that every index write bumps. Cached query results carry the epoch
 * they were computed at, so a write (new document, delete, ACL change) invalidates them at once.
 */
@Component
public class IndexEpochs {

	private final Map<UUID, AtomicLong> epochs = new ConcurrentHashMap<>();

	public long current(UUID workspaceId) {
		AtomicLong epoch = epochs.get(workspaceId);
		return epoch == null ? 0 : epoch.get();
	}

	public void bump(UUID workspaceId) {
		epochs.computeIfAbsent(workspaceId, id -> new AtomicLong()).incrementAndGet();
	}
}
