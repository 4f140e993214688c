package io.knowledgecloud.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** {@code GET /api/v1/me} keeps working when an operator lowers {@code kc.web.max-page-size} below 100. */
@IntegrationTest
@TestPropertySource(properties = "kc.web.max-page-size=2")
class MeWithSmallPageSizeIT {

	private final Api api;

	MeWithSmallPageSizeIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void meListsAtMostTheMaximumPageSizeOfWorkspaces() {
		Api.User user = api.signUp("small-page");
		api.createWorkspace(user, "Second");
		api.createWorkspace(user, "Third");

		Response me = api.get("/api/v1/me").token(user.accessToken()).send();

		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().path("workspaces").size()).isEqualTo(2);
		assertThat(api.get("/api/v1/workspaces?limit=3").token(user.accessToken()).send().code())
			.isEqualTo("invalid_limit");
	}
}
