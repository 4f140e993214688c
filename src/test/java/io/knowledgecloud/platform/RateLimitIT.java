package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import io.knowledgecloud.support.NeedsRedis;
import io.knowledgecloud.support.TestServices;
import io.lettuce.core.RedisClient;

/**
 * Rate limits held in the real Redis: per IP on the auth endpoints, per principal elsewhere,
 * with RateLimit-* headers and 429 + Retry-After problem documents.
 */
@IntegrationTest
@NeedsRedis
class RateLimitIT {

	private static final String PREFIX = "kc-it-" + UUID.randomUUID() + ":";

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		registry.add("kc.redis.url", () -> TestServices.REDIS_URL);
		registry.add("kc.redis.key-prefix", () -> PREFIX);
		registry.add("kc.rate-limit.auth-per-minute", () -> 4);
		registry.add("kc.rate-limit.api-per-minute", () -> 5);
	}

	private final Api api;

	RateLimitIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void authEndpointsAreLimitedPerIpAndBucketsLiveInRedis() {
		String email = Api.uniqueEmail("limited");
		Response signUp = api.post("/api/v1/auth/signup").json(Map.of("email", email, "password", Api.PASSWORD)).send();
		assertThat(signUp.status()).isEqualTo(201);
		assertThat(signUp.header("RateLimit-Limit")).isEqualTo("4");
		assertThat(signUp.header("RateLimit-Remaining")).isEqualTo("3");
		String token = null;
		for (int i = 0; i < 3; i++) {
			Response login = api.login(email, Api.PASSWORD);
			assertThat(login.status()).isEqualTo(200);
			token = login.get("access_token");
		}
		Response limited = api.login(email, Api.PASSWORD);
		ApiConventionsIT.assertProblem(limited, 429, "rate_limited");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");

		try (RedisClient client = RedisClient.create(TestServices.REDIS_URL); var connection = client.connect()) {
			List<String> keys = connection.sync().keys(PREFIX + "*");
			assertThat(keys).anySatisfy(k -> assertThat(k).contains("auth:ip:"));
		}

		// other endpoints are limited per principal, not by the auth bucket
		for (int i = 0; i < 5; i++) {
			assertThat(api.get("/api/v1/me").token(token).send().status()).isEqualTo(200);
		}
		ApiConventionsIT.assertProblem(api.get("/api/v1/me").token(token).send(), 429, "rate_limited");
	}
}
