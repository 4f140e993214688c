package io.knowledgecloud.assistant.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.knowledgecloud.assistant.AssistantLimits;
import io.knowledgecloud.assistant.internal.AssistantProblems.AssistantRateLimited;
import io.knowledgecloud.assistant.internal.AssistantProblems.BudgetExceeded;

/**
 * Enforces a workspace's monthly budget and its language-model requests per minute (Bucket4j, per
 * node). Limits are read through a 10-second cache; the month's spending is summed from the ledger.
 */
@Component
public class WorkspaceLimits {

	private record Limiter(int perMinute, Bucket bucket) {
	}

	private final LimitsStore store;
	private final UsageLedger ledger;
	private final Cache<UUID, AssistantLimits> limits = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(10))
		.build();
	private final Cache<UUID, Limiter> buckets = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	WorkspaceLimits(LimitsStore store, UsageLedger ledger) {
		this.store = store;
		this.ledger = ledger;
	}

	public AssistantLimits of(UUID workspaceId) {
		return limits.get(workspaceId, store::find);
	}

	public void changed(UUID workspaceId) {
		limits.invalidate(workspaceId);
		buckets.invalidate(workspaceId);
	}

	/**
	 * Whether the budget is spent and the workspace wants extractive answers beyond it; throws
	 * {@link BudgetExceeded} when it wants them refused.
	 */
	public boolean overBudget(UUID workspaceId) {
		AssistantLimits l = of(workspaceId);
		if (l.monthlyBudget() == null) {
			return false;
		}
		BigDecimal spent = ledger.monthToDate(workspaceId);
		if (spent.compareTo(l.monthlyBudget()) < 0) {
			return false;
		}
		if (l.overBudget().equals("extractive")) {
			return true;
		}
		throw new BudgetExceeded(spent, l.monthlyBudget());
	}

	/**
	 * Refuses early when the per-minute allowance is used up, without taking from it (the request
	 * takes its token with {@link #acquire} just before it calls the model).
	 */
	public void requireAllowance(UUID workspaceId) {
		Integer perMinute = of(workspaceId).requestsPerMinute();
		if (perMinute == null) {
			return;
		}
		Limiter limiter = buckets.getIfPresent(workspaceId);
		if (limiter != null && limiter.perMinute() == perMinute && limiter.bucket().getAvailableTokens() < 1) {
			throw new AssistantRateLimited(perMinute);
		}
	}

	/** Takes one language-model request from the workspace's per-minute allowance. */
	public void acquire(UUID workspaceId) {
		Integer perMinute = of(workspaceId).requestsPerMinute();
		if (perMinute == null) {
			return;
		}
		Limiter limiter = buckets.get(workspaceId, id -> new Limiter(perMinute, Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build()));
		if (limiter.perMinute() != perMinute) {
			buckets.invalidate(workspaceId);
			acquire(workspaceId);
			return;
		}
		if (!limiter.bucket().tryConsume(1)) {
			throw new AssistantRateLimited(perMinute);
		}
	}
}
