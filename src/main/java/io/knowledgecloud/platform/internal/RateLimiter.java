package io.knowledgecloud.platform.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Token buckets (Bucket4j), one per key and per-minute limit: in-process (Caffeine-held) by
 * default, in Redis when configured so that every replica shares the same budget.
 */
sealed interface RateLimiter extends AutoCloseable {

	/** The verdict for one request. */
	record Verdict(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
	}

	Verdict tryConsume(String key, int perMinute);

	@Override
	default void close() {
	}

	static BucketConfiguration configuration(int perMinute) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build();
	}

	static Verdict verdict(ConsumptionProbe probe, int perMinute) {
		long reset = ceilSeconds(probe.getNanosToWaitForReset());
		return new Verdict(probe.isConsumed(), perMinute, probe.getRemainingTokens(), reset,
				probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
	}

	private static long ceilSeconds(long nanos) {
		return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

	/** Buckets in this JVM; idle ones are evicted after the window they could refill in. */
	final class InMemory implements RateLimiter {

		private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
			.expireAfterAccess(Duration.ofMinutes(2))
			.maximumSize(1_000_000)
			.build();

		@Override
		public Verdict tryConsume(String key, int perMinute) {
			Bucket bucket = buckets.get(key + "|" + perMinute,
					k -> Bucket.builder().addLimit(configuration(perMinute).getBandwidths()[0]).build());
			return verdict(bucket.tryConsumeAndReturnRemaining(1), perMinute);
		}
	}

	/**
	 * Buckets in Redis (compare-and-swap through Lettuce). When Redis is unreachable the limiter
	 * fails open and logs: an outage of the limiter must not take the API down.
	 */
	final class InRedis implements RateLimiter {

		private static final Logger log = LoggerFactory.getLogger(InRedis.class);

		private final RedisClient client;
		private final StatefulRedisConnection<String, byte[]> connection;
		private final ProxyManager<String> buckets;

		private final String prefix;

		InRedis(String url, String prefix) {
			this.prefix = prefix + "rl:";
			this.client = RedisClient.create(url);
			this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.requestTimeout(Duration.ofSeconds(1))
				.build();
		}

		@Override
		public Verdict tryConsume(String key, int perMinute) {
			try {
				var bucket = buckets.getProxy(prefix + key + "|" + perMinute, () -> configuration(perMinute));
				return verdict(bucket.tryConsumeAndReturnRemaining(1), perMinute);
			}
			catch (RuntimeException e) {
				log.warn("Rate limiter store unavailable, allowing request: {}", e.toString());
				return new Verdict(true, perMinute, perMinute, 60, 0);
			}
		}

		@Override
		public void close() {
			connection.close();
			client.shutdown();
		}
	}
}
