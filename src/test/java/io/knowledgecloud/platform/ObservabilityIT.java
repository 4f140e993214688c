package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Health probes and Prometheus metrics are served and reflect real traffic. */
@IntegrationTest
class ObservabilityIT {

	private final Api api;

	ObservabilityIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void livenessAndReadinessAreUp() {
		Response liveness = api.get("/actuator/health/liveness").send();
		Response readiness = api.get("/actuator/health/readiness").send();
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.get("status")).isEqualTo("UP");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.get("status")).isEqualTo("UP");
	}

	@Test
	void prometheusExposesHttpServerMetrics() {
		Api.User user = api.signUp("metrics");
		assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
		Response metrics = api.get("/actuator/prometheus").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.text()).contains("http_server_requests_seconds_count")
			.contains("uri=\"/api/v1/me\"")
			.contains("application=\"knowledgecloud\"");
	}
}
