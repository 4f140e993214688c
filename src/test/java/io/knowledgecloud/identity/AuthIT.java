package io.knowledgecloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Sign-up, login, refresh rotation and reuse detection, logout and sessions, over HTTP. */
@IntegrationTest
class AuthIT {

	private final Api api;

	AuthIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void signUpNormalisesTheEmailAndCreatesAPersonalWorkspace() {
		String email = Api.uniqueEmail("Mixed.Case");
		Response created = api.post("/api/v1/auth/signup")
			.json(Map.of("email", "  " + email.toUpperCase() + " ", "password", Api.PASSWORD, "display_name", "Mia"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.get("email")).isEqualTo(email.toLowerCase());
		assertThat(created.text()).doesNotContain("password");

		Response login = api.login(email.toLowerCase(), Api.PASSWORD);
		assertThat(login.status()).isEqualTo(200);
		String token = login.get("access_token");
		var workspaces = Api.eventually(() -> {
			var list = api.get("/api/v1/me").token(token).send().json().path("workspaces");
			return list.size() == 1 ? list : null;
		});
		assertThat(workspaces.get(0).path("personal").asBoolean()).isTrue();
		assertThat(workspaces.get(0).path("role").asString()).isEqualTo("owner");
	}

	@Test
	void signUpRefusesWeakCommonAndDuplicatePasswordsWithClearCodes() {
		String email = Api.uniqueEmail("weak");
		assertThat(signUp(email, "short").code()).isEqualTo("weak_password");
		assertThat(signUp(email, "Password1234").code()).isEqualTo("weak_password");
		assertThat(signUp(email, "qwertyuiop123").code()).isEqualTo("weak_password");
		assertThat(signUp(email, "aaaaaaaaaaaaaaaa").code()).isEqualTo("weak_password");
		assertThat(signUp("not-an-email", Api.PASSWORD).code()).isEqualTo("invalid_email");
		assertThat(signUp(email, Api.PASSWORD).status()).isEqualTo(201);
		Response duplicate = signUp(email.toUpperCase(), Api.PASSWORD);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("email_taken");
	}

	@Test
	void unknownUserAndWrongPasswordGiveTheSameAnswer() {
		Api.User user = api.signUp("same-answer");
		Response wrongPassword = api.login(user.email(), "wrong-password-123");
		Response unknownUser = api.login(Api.uniqueEmail("nobody"), "wrong-password-123");
		assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownUser.status());
		assertThat(wrongPassword.code()).isEqualTo("invalid_credentials").isEqualTo(unknownUser.code());
		assertThat(wrongPassword.get("detail")).isEqualTo(unknownUser.get("detail"));
	}

	@Test
	void refreshTokensRotateAndReuseRevokesTheWholeFamily() {
		Api.User user = api.signUp("rotate");
		Response first = refresh(user.refreshToken());
		assertThat(first.status()).isEqualTo(200);
		String second = first.get("refresh_token");
		assertThat(second).isNotEqualTo(user.refreshToken());
		assertThat(api.get("/api/v1/me").token(first.get("access_token")).send().status()).isEqualTo(200);

		Response reuse = refresh(user.refreshToken());
		assertThat(reuse.status()).isEqualTo(401);
		assertThat(reuse.code()).isEqualTo("refresh_token_reused");

		// the whole family is gone: the newest refresh token and the session's access tokens too
		assertThat(refresh(second).code()).isEqualTo("invalid_refresh_token");
		Api.eventually(() -> api.get("/api/v1/me").token(first.get("access_token")).send().status() == 401 ? true
				: null);

		Api.User again = loginAgain(user);
		var events = api.get("/api/v1/me/audit-events").token(again.accessToken()).send().json().path("items");
		assertThat(events.values()).extracting(e -> e.path("type").asString()).contains("refresh_token.reused");
	}

	@Test
	void garbageRefreshTokensAreRefused() {
		assertThat(refresh("kcr_not-a-token").code()).isEqualTo("invalid_refresh_token");
		assertThat(api.post("/api/v1/auth/refresh").json(Map.of()).send().code()).isEqualTo("validation_failed");
	}

	@Test
	void logoutEndsTheSessionAndItsTokens() {
		Api.User user = api.signUp("logout");
		assertThat(api.post("/api/v1/auth/logout").token(user.accessToken()).send().status()).isEqualTo(204);
		assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(401);
		assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
	}

	@Test
	void usersListAndRevokeTheirSessions() {
		Api.User user = api.signUp("sessions");
		Response second = api.post("/api/v1/auth/login")
			.header("User-Agent", "phone-app/1.0")
			.json(Map.of("email", user.email(), "password", user.password()))
			.send();
		String otherToken = second.get("access_token");

		var sessions = api.get("/api/v1/me/sessions").token(user.accessToken()).send().json();
		assertThat(sessions.size()).isEqualTo(2);
		assertThat(sessions.values()).extracting(s -> s.path("user_agent").asString()).contains("phone-app/1.0");
		assertThat(sessions.values()).filteredOn(s -> s.path("current").asBoolean()).hasSize(1);
		String phone = sessions.values()
			.stream()
			.filter(s -> s.path("user_agent").asString().equals("phone-app/1.0"))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asString();

		assertThat(api.delete("/api/v1/me/sessions/" + phone).token(user.accessToken()).send().status())
			.isEqualTo(204);
		assertThat(api.get("/api/v1/me").token(otherToken).send().status()).isEqualTo(401);
		assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/me/sessions/" + phone).token(user.accessToken()).send().code())
			.isEqualTo("session_not_found");

		Response all = api.delete("/api/v1/me/sessions").token(user.accessToken()).send();
		assertThat(all.json().path("revoked").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/me").token(user.accessToken()).send().status()).isEqualTo(401);
	}

	@Test
	void anotherUsersSessionCannotBeRevoked() {
		Api.User alice = api.signUp("alice");
		Api.User bob = api.signUp("bob");
		String bobSession = api.get("/api/v1/me/sessions").token(bob.accessToken()).send().json().get(0).path("id")
			.asString();
		Response attempt = api.delete("/api/v1/me/sessions/" + bobSession).token(alice.accessToken()).send();
		assertThat(attempt.status()).isEqualTo(404);
		assertThat(api.get("/api/v1/me").token(bob.accessToken()).send().status()).isEqualTo(200);
	}

	private Response signUp(String email, String password) {
		return api.post("/api/v1/auth/signup").json(Map.of("email", email, "password", password)).send();
	}

	private Response refresh(String token) {
		return api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", token)).send();
	}

	private Api.User loginAgain(Api.User user) {
		Response login = api.login(user.email(), user.password());
		return new Api.User(user.id(), user.email(), user.password(), login.get("access_token"),
				login.get("refresh_token"), user.personalWorkspace());
	}
}
