package io.knowledgecloud.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Skips (on a laptop) or runs and lets fail (in CI) tests whose services are down: PostgreSQL
 * when this run targets it, Redis for classes annotated {@link NeedsRedis}.
 */
public class RequiredServices implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (TestServices.required()) {
			return ConditionEvaluationResult.enabled("KC_REQUIRE_SERVICES=true: services are mandatory");
		}
		if (TestServices.database().equals("postgres") && !TestServices.postgresReachable()) {
			return ConditionEvaluationResult.disabled("PostgreSQL is not reachable at " + TestServices.PG_HOST + ":"
					+ TestServices.PG_PORT + "; skipping the PostgreSQL run (set KC_REQUIRE_SERVICES=true to fail instead)");
		}
		boolean needsRedis = context.getElement()
			.map(e -> AnnotatedElementUtils.hasAnnotation(e, NeedsRedis.class))
			.orElse(false);
		if (needsRedis && !TestServices.redisReachable()) {
			return ConditionEvaluationResult.disabled("Redis is not reachable at 127.0.0.1:6379; skipping "
					+ "(set KC_REQUIRE_SERVICES=true to fail instead)");
		}
		return ConditionEvaluationResult.enabled("services reachable");
	}
}
