package io.knowledgecloud.platform.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The baseline for bench/run-foundation.sh: a Spring MVC endpoint that does no work, so the
 * benchmark can report {@code GET /api/v1/me} throughput as a ratio of what the stack itself
 * allows on the same machine and in the same run.
 * <p>
 * Registered only when {@code kc.bench.bare-endpoint=true} (off by default, never set it in
 * production). The path is public in the security rules, so a request passes the request-id,
 * body-limit and Spring Security filters (headers, anonymous access) but not bearer
 * authentication, rate limiting or idempotency, which apply to {@code /api/*} only.
 */
@Hidden
@RestController
@ConditionalOnProperty(prefix = "kc.bench", name = "bare-endpoint", havingValue = "true")
class BareBenchmarkController {

	record Bare(boolean ok) {
	}

	private static final Bare OK = new Bare(true);

	@GetMapping("/bench/bare")
	Bare bare() {
		return OK;
	}
}
