package io.knowledgecloud.platform;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** In-memory caches of one replica (Caffeine): bounded, and each entry lives a fixed time. */
public final class Caches {

	private Caches() {
	}

	/**
	 * At most {@code maximumSize} entries, each dropped {@code ttl} after it was written: for values
	 * read on every request where that much staleness is acceptable (and bounded across replicas).
	 */
	public static <K, V> Cache<K, V> expiringAfterWrite(long maximumSize, Duration ttl) {
		return Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
	}
}
